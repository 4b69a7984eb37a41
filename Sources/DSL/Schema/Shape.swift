/// The shape a YAML value must have: the single source of truth of the scenario language's structure.
///
/// The validator walks documents against shapes, and the JSON Schema in `scenarios/stampede.schema.json` is
/// generated from the same shapes, so the two cannot drift apart.
public indirect enum Shape: Sendable {
    /// A mapping with known keys.
    case object(ObjectShape)
    /// A mapping whose keys are names the author chooses (targets, states, …), each value of one shape.
    case dictionary(DictionaryShape)
    /// A list of values of one shape.
    case list(ListShape)
    /// A fixed-length list, each position with its own shape (a `[time, value]` pair).
    case tuple([Shape], summary: String)
    /// A single value.
    case scalar(ScalarShape)
    /// One of several shapes, told apart by the kind of node and, for mappings, by which key is present.
    case union(UnionShape)
    /// A named shape, defined once in ``LanguageSchema/definitions`` (used for recursion).
    case reference(String)
    /// Anything (checked elsewhere, e.g. against an adapter's declaration).
    case any(summary: String)

    /// One line describing the shape.
    public var summary: String {
        switch self {
        case .object(let shape): shape.summary
        case .dictionary(let shape): shape.summary
        case .list(let shape): shape.summary
        case .tuple(_, let summary): summary
        case .scalar(let shape): shape.summary
        case .union(let shape): shape.summary
        case .reference(let name): LanguageSchema.definitions[name]?.summary ?? name
        case .any(let summary): summary
        }
    }
}

/// A mapping with known keys.
public struct ObjectShape: Sendable {
    /// What the mapping is, in a few words ("a target", "a ramp").
    public var noun: String
    /// One line on what it is for.
    public var summary: String
    /// Its keys.
    public var properties: [Property]
    /// Groups of keys of which exactly one must be present.
    public var exactlyOne: [[String]]
    /// Groups of keys of which at most one may be present.
    public var atMostOne: [[String]]

    /// Creates an object shape.
    public init(_ noun: String, _ summary: String, _ properties: [Property], exactlyOne: [[String]] = [], atMostOne: [[String]] = []) {
        self.noun = noun
        self.summary = summary
        self.properties = properties
        self.exactlyOne = exactlyOne
        self.atMostOne = atMostOne
    }

    /// The property called `name`.
    public func property(_ name: String) -> Property? { properties.first { $0.name == name } }
}

/// One key of an object.
public struct Property: Sendable {
    /// The key.
    public var name: String
    /// The value's shape.
    public var shape: Shape
    /// Whether the key must be present.
    public var required: Bool
    /// One line on what it means.
    public var summary: String

    /// A required key.
    public static func required(_ name: String, _ shape: Shape, _ summary: String) -> Property {
        Property(name: name, shape: shape, required: true, summary: summary)
    }

    /// An optional key.
    public static func optional(_ name: String, _ shape: Shape, _ summary: String) -> Property {
        Property(name: name, shape: shape, required: false, summary: summary)
    }
}

/// A mapping of author-chosen names to values of one shape.
public struct DictionaryShape: Sendable {
    /// What one entry is ("a state").
    public var noun: String
    /// One line on what the mapping is for.
    public var summary: String
    /// The shape of every value.
    public var value: Shape
    /// Whether keys must be identifiers (letters, digits, `_`, `-`, not starting with a digit).
    public var identifierKeys: Bool
    /// Whether the mapping must have at least one entry.
    public var nonEmpty: Bool

    /// Creates a dictionary shape.
    public init(_ noun: String, _ summary: String, value: Shape, identifierKeys: Bool = true, nonEmpty: Bool = false) {
        self.noun = noun
        self.summary = summary
        self.value = value
        self.identifierKeys = identifierKeys
        self.nonEmpty = nonEmpty
    }
}

/// A list of values of one shape.
public struct ListShape: Sendable {
    /// One line on what the list is for.
    public var summary: String
    /// The shape of every item.
    public var item: Shape
    /// The fewest items allowed.
    public var minimumCount: Int

    /// Creates a list shape.
    public init(_ summary: String, item: Shape, minimumCount: Int = 0) {
        self.summary = summary
        self.item = item
        self.minimumCount = minimumCount
    }
}

/// Alternatives, picked by the kind of YAML node: at most one scalar and one list alternative, and any number of
/// mapping alternatives each recognised by a key of its own (`ramp:`, `hold:`, …).
public struct UnionShape: Sendable {
    /// What the value is ("a curve").
    public var noun: String
    /// One line on what it is for.
    public var summary: String
    /// The alternative for a scalar.
    public var scalar: ScalarShape?
    /// The alternative for a list.
    public var list: ListShape?
    /// Mapping alternatives: the key that identifies each, and the shape of the whole mapping.
    public var tagged: [(key: String, shape: ObjectShape)]
    /// The alternative for a mapping without any identifying key (a dictionary), if any.
    public var dictionary: DictionaryShape?

    /// Creates a union.
    public init(
        _ noun: String, _ summary: String, scalar: ScalarShape? = nil, list: ListShape? = nil,
        tagged: [(key: String, shape: ObjectShape)] = [], dictionary: DictionaryShape? = nil
    ) {
        self.noun = noun
        self.summary = summary
        self.scalar = scalar
        self.list = list
        self.tagged = tagged
        self.dictionary = dictionary
    }
}
