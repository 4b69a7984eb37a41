import StampedeModel
import Yams

/// Turns Yams' composed nodes into ``YAMLNode``s: expands aliases within a budget (so an alias bomb is an error,
/// not an exhausted machine), applies `<<` merge keys, and insists on text keys.
struct NodeConverter {
    let file: String
    private(set) var budget: Int
    private(set) var problems: [Diagnostic] = []
    private var exhausted = false

    init(file: String, budget: Int) {
        self.file = file
        self.budget = budget
    }

    mutating func convert(_ node: Node) -> YAMLNode {
        budget -= 1
        let location = self.location(node.mark)
        if budget < 0 {
            if !exhausted {
                exhausted = true
                problems.append(.error(location, "the document expands to more than \(YAMLLoader.maximumValues) values",
                                       hint: "aliases (*name) that repeat other aliases multiply; write the values out or use fewer"))
            }
            return .scalar(YAMLScalar(text: "", isPlain: true, location: location, contentLocation: location))
        }
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            return .scalar(YAMLScalar(text: scalar.string, isPlain: scalar.style == .plain || scalar.style == .any,
                                      location: location, contentLocation: quoted ? location.advanced(by: 1) : location))
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(convert(item))
                if exhausted { break }
            }
            return .sequence(items, location)
        case .mapping(let mapping):
            return convertMapping(mapping, at: location)
        case .alias(let alias):
            problems.append(.error(self.location(alias.mark), "unresolved alias *\(alias.anchor.rawValue)"))
            return .scalar(YAMLScalar(text: "", isPlain: true, location: location, contentLocation: location))
        }
    }

    private mutating func convertMapping(_ mapping: Node.Mapping, at location: SourceLocation) -> YAMLNode {
        var entries: [YAMLEntry] = []
        var merged: [YAMLEntry] = []
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key else {
                problems.append(.error(self.location(key.mark), "a mapping key must be a plain name, not \(key.mapping != nil ? "a mapping" : "a list")",
                                       hint: "write keys as text"))
                continue
            }
            let quoted = keyScalar.style == .singleQuoted || keyScalar.style == .doubleQuoted
            let keyLocation = self.location(key.mark).advanced(by: quoted ? 1 : 0)
            if keyScalar.string == "<<", keyScalar.style == .plain || keyScalar.style == .any {
                merged.append(contentsOf: mergeEntries(from: value))
                continue
            }
            entries.append(YAMLEntry(key: keyScalar.string, keyLocation: keyLocation, value: convert(value)))
            if exhausted { break }
        }
        for entry in merged where !entries.contains(where: { $0.key == entry.key }) {
            entries.append(entry)
        }
        return .mapping(entries, location)
    }

    /// The entries a `<<: *anchor` (or `<<: [*a, *b]`) merge brings in, earlier sources winning.
    private mutating func mergeEntries(from value: Node) -> [YAMLEntry] {
        let sources: [Node] = value.sequence.map(Array.init) ?? [value]
        var result: [YAMLEntry] = []
        for source in sources {
            guard case .mapping(let entries, _) = convert(source) else {
                problems.append(.error(location(source.mark), "'<<' merges mappings only", hint: "write <<: *anchor where the anchor names a mapping"))
                continue
            }
            for entry in entries where !result.contains(where: { $0.key == entry.key }) {
                result.append(entry)
            }
        }
        return result
    }

    private func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: max(1, mark?.line ?? 1), column: max(1, mark?.column ?? 1))
    }
}
