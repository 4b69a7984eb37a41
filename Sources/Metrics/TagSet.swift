import StampedeModel

/// A set of `key:value` tags, kept sorted so that equal sets compare and hash equal.
///
/// The hash of the tags is computed once, when the set is made: recording a sample hashes one integer instead of
/// every tag's key and value (series are looked up several times per action).
public struct TagSet: Hashable, Sendable, Codable, CustomStringConvertible {
    /// One tag.
    public struct Tag: Hashable, Sendable, Codable {
        /// The tag's key.
        public var key: String
        /// The tag's value.
        public var value: String

        /// Creates a tag.
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The tags, sorted by key.
    public private(set) var tags: [Tag] {
        didSet { tagsHash = Self.hash(of: tags) }
    }
    /// The hash of `tags`.
    private var tagsHash: Int

    /// No tags.
    public init() {
        tags = []
        tagsHash = Self.hash(of: [])
    }

    /// The tags of a dictionary.
    public init(_ dictionary: [String: String]) {
        let sorted = dictionary.map { Tag($0.key, $0.value) }.sorted { $0.key < $1.key }
        tags = sorted
        tagsHash = Self.hash(of: sorted)
    }

    /// Decodes the tags (the hash is not part of the encoding).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let decoded = try container.decode([Tag].self, forKey: .tags).sorted { $0.key < $1.key }
        tags = decoded
        tagsHash = Self.hash(of: decoded)
    }

    /// Encodes the tags.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tags, forKey: .tags)
    }

    private enum CodingKeys: String, CodingKey {
        case tags
    }

    /// Hashes the precomputed hash of the tags.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(tagsHash)
    }

    /// Equal tags (the hashes are compared first).
    public static func == (lhs: TagSet, rhs: TagSet) -> Bool {
        lhs.tagsHash == rhs.tagsHash && lhs.tags == rhs.tags
    }

    private static func hash(of tags: [Tag]) -> Int {
        var hasher = Hasher()
        hasher.combine(tags)
        return hasher.finalize()
    }

    /// The value of `key`, if the set has it.
    public subscript(key: String) -> String? {
        tags.first { $0.key == key }?.value
    }

    /// The set with `key` set to `value` (replacing an earlier value).
    public func adding(_ key: String, _ value: String) -> TagSet {
        var copy = self
        if let index = copy.tags.firstIndex(where: { $0.key == key }) {
            copy.tags[index].value = value
        } else {
            copy.tags.append(Tag(key, value))
            copy.tags.sort { $0.key < $1.key }
        }
        return copy
    }

    /// The set merged with `other` (other's values win).
    public func merging(_ other: [String: String]) -> TagSet {
        other.reduce(self) { $0.adding($1.key, $1.value) }
    }

    /// Whether every filter's key has the filter's value here.
    public func matches(_ filters: [TagFilter]) -> Bool {
        filters.allSatisfy { self[$0.key] == $0.value }
    }

    /// `{k:v,k:v}`.
    public var description: String {
        "{" + tags.map { "\($0.key):\($0.value)" }.joined(separator: ",") + "}"
    }
}

/// A metric's name and tags: one series.
public struct MetricKey: Hashable, Sendable, Codable {
    /// The metric's name (`latency`, `requests`, …).
    public var name: String
    /// The series' tags.
    public var tags: TagSet

    /// Creates a key.
    public init(_ name: String, _ tags: TagSet) {
        self.name = name
        self.tags = tags
    }
}
