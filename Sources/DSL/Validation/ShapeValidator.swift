import StampedeModel

/// Checks a YAML tree against a ``Shape`` and reports every structural problem: unknown keys (with a suggestion),
/// missing keys, wrong kinds of value, bad units.
public struct ShapeValidator {
    /// The problems found so far.
    public private(set) var diagnostics: [Diagnostic] = []

    /// A validator with no findings.
    public init() {}

    /// Checks `node` against `shape`; `path` names the value in messages (`behaviours.casual.states.login`).
    public mutating func check(_ node: YAMLNode, against shape: Shape, path rawPath: String) {
        let path = rawPath.isEmpty ? "the scenario" : rawPath
        switch shape {
        case .any:
            return
        case .reference(let name):
            guard let definition = LanguageSchema.definitions[name] else { return }
            check(node, against: definition, path: path)
        case .scalar(let scalarShape):
            guard let scalar = node.scalar else {
                return fail(node.location, "\(path) must be \(scalarShape.expectation), not \(node.kindDescription)")
            }
            if let problem = scalarShape.check(scalar) {
                diagnostics.append(.error(scalar.contentLocation, "\(path): \(problem.message)", hint: problem.hint))
            }
        case .object(let objectShape):
            checkObject(node, objectShape, path: path)
        case .dictionary(let dictionaryShape):
            checkDictionary(node, dictionaryShape, path: path)
        case .list(let listShape):
            checkList(node, listShape, path: path)
        case .tuple(let shapes, let summary):
            guard let items = node.items, items.count == shapes.count else {
                return fail(node.location, "\(path) must be \(summary)", hint: "write a list of \(shapes.count) values")
            }
            for (index, (item, shape)) in zip(items, shapes).enumerated() {
                check(item, against: shape, path: "\(path)[\(index)]")
            }
        case .union(let union):
            checkUnion(node, union, path: path)
        }
    }

    private mutating func checkObject(_ node: YAMLNode, _ shape: ObjectShape, path: String) {
        guard let entries = node.entries else {
            return fail(node.location, "\(path) must be \(shape.noun) (a mapping), not \(node.kindDescription)",
                        hint: "expected keys: \(shape.properties.map(\.name).joined(separator: ", "))")
        }
        let names = shape.properties.map(\.name)
        for entry in entries {
            if path == "the scenario", entry.key.hasPrefix("x-") { continue }
            guard let property = shape.property(entry.key) else {
                fail(entry.keyLocation, "unknown key '\(entry.key)' in \(path)",
                     hint: Suggestion.hint(for: entry.key, in: names, noun: "allowed keys are"))
                continue
            }
            check(entry.value, against: property.shape, path: path == "the scenario" ? entry.key : "\(path).\(entry.key)")
        }
        let present = Set(entries.map(\.key))
        let grouped = Set(shape.exactlyOne.joined())
        for property in shape.properties where property.required && !present.contains(property.name) && !grouped.contains(property.name) {
            fail(node.location, "\(path) is missing '\(property.name)'", hint: property.summary)
        }
        for group in shape.exactlyOne {
            let found = group.filter(present.contains)
            if found.isEmpty {
                fail(node.location, "\(path) needs one of \(group.map { "'\($0)'" }.joined(separator: " or "))", hint: group.compactMap { shape.property($0)?.summary }.first)
            } else if found.count > 1, let second = entries.last(where: { found.contains($0.key) }) {
                fail(second.keyLocation, "\(path) has both \(found.map { "'\($0)'" }.joined(separator: " and "))", hint: "keep only one of them")
            }
        }
        for group in shape.atMostOne {
            let found = group.filter(present.contains)
            if found.count > 1, let second = entries.last(where: { found.contains($0.key) }) {
                fail(second.keyLocation, "\(path) has both \(found.map { "'\($0)'" }.joined(separator: " and "))", hint: "keep only one of them")
            }
        }
    }

    private mutating func checkDictionary(_ node: YAMLNode, _ shape: DictionaryShape, path: String) {
        guard let entries = node.entries else {
            if node.scalar?.isNull == true, !shape.nonEmpty { return }
            return fail(node.location, "\(path) must be a mapping of names to \(shape.noun.dropArticle)s, not \(node.kindDescription)",
                        hint: node.items != nil ? "write 'name:' entries instead of '- ' items" : nil)
        }
        if shape.nonEmpty, entries.isEmpty {
            fail(node.location, "\(path) needs at least one \(shape.noun.dropArticle)")
        }
        for entry in entries {
            if shape.identifierKeys, !ScalarShape.isIdentifier(entry.key) {
                fail(entry.keyLocation, "'\(entry.key)' is not a valid name for \(shape.noun)", hint: "use letters, digits, '_' and '-', starting with a letter")
            }
            check(entry.value, against: shape.value, path: "\(path).\(entry.key)")
        }
    }

    private mutating func checkList(_ node: YAMLNode, _ shape: ListShape, path: String) {
        guard let items = node.items else {
            return fail(node.location, "\(path) must be a list, not \(node.kindDescription)", hint: shape.summary)
        }
        if items.count < shape.minimumCount {
            fail(node.location, "\(path) needs at least \(shape.minimumCount) item\(shape.minimumCount == 1 ? "" : "s")", hint: shape.summary)
        }
        for (index, item) in items.enumerated() {
            check(item, against: shape.item, path: "\(path)[\(index)]")
        }
    }

    private mutating func checkUnion(_ node: YAMLNode, _ union: UnionShape, path: String) {
        switch node {
        case .scalar(let scalar):
            guard let scalarShape = union.scalar else {
                return fail(node.location, "\(path) must be \(union.noun), not \(node.kindDescription)", hint: kinds(of: union))
            }
            if let problem = scalarShape.check(scalar) {
                let hint = problem.hint ?? (union.tagged.isEmpty ? nil : kinds(of: union))
                diagnostics.append(.error(scalar.contentLocation, "\(path): \(problem.message)", hint: hint))
            }
        case .sequence:
            guard let listShape = union.list else {
                return fail(node.location, "\(path) must be \(union.noun), not a list", hint: kinds(of: union))
            }
            checkList(node, listShape, path: path)
        case .mapping(let entries, _):
            let keys = union.tagged.map(\.key)
            let matches = entries.filter { keys.contains($0.key) }
            if matches.count > 1 {
                return fail(matches[1].keyLocation, "\(path) is \(union.noun) with both '\(matches[0].key)' and '\(matches[1].key)'",
                            hint: "use one kind per mapping\(union.list != nil ? "; a list runs them one after another" : "")")
            }
            if let match = matches.first, let shape = union.tagged.first(where: { $0.key == match.key })?.shape {
                return checkObject(node, shape, path: path)
            }
            if let dictionary = union.dictionary {
                return checkDictionary(node, dictionary, path: path)
            }
            if let first = entries.first {
                return fail(first.keyLocation, "unknown kind of \(union.noun.dropArticle) '\(first.key)' in \(path)",
                            hint: Suggestion.hint(for: first.key, in: keys))
            }
            fail(node.location, "\(path) must be \(union.noun), not an empty mapping", hint: kinds(of: union))
        }
    }

    private func kinds(of union: UnionShape) -> String {
        var forms: [String] = []
        if let scalar = union.scalar { forms.append(scalar.expectation) }
        if union.list != nil { forms.append("a list") }
        forms += union.tagged.map { "{\($0.key): …}" }
        return "write " + forms.joined(separator: ", or ")
    }

    private mutating func fail(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(location, message, hint: hint))
    }
}

extension String {
    /// "a state" → "state".
    var dropArticle: String {
        for article in ["a ", "an "] where hasPrefix(article) { return String(dropFirst(article.count)) }
        return self
    }
}
