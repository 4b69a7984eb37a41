import StampedeModel
import StampedePluginAPI

/// Checks adapter settings and action parameters against what the adapter declares.
enum ParameterChecks {
    /// Checks the mapping at `node` (nil when absent) against `declarations`; `owner` is where the mapping belongs.
    static func check(
        _ node: YAMLNode?, against declarations: [ParameterDeclaration], what: String, owner: SourceLocation,
        into diagnostics: inout [Diagnostic]
    ) {
        let entries = node?.entries ?? []
        let names = declarations.map(\.name)
        var validator = ShapeValidator()
        for entry in entries {
            guard let declaration = declarations.first(where: { $0.name == entry.key }) else {
                let hint = names.isEmpty ? "it takes no parameters" : Suggestion.hint(for: entry.key, in: names, noun: "it takes")
                diagnostics.append(.error(entry.keyLocation, "\(what) has no parameter '\(entry.key)'", hint: hint))
                continue
            }
            validator.check(entry.value, against: shape(of: declaration.type, summary: declaration.summary), path: "\(what) '\(entry.key)'")
        }
        diagnostics += validator.diagnostics
        let present = Set(entries.map(\.key))
        for declaration in declarations where declaration.required && !present.contains(declaration.name) {
            diagnostics.append(.error(node?.location ?? owner, "\(what) is missing required parameter '\(declaration.name)'",
                                      hint: declaration.summary))
        }
    }

    /// The language shape of a declared parameter type.
    static func shape(of type: ParameterType, summary: String) -> Shape {
        switch type {
        case .string: .scalar(.init(.text, summary))
        case .integer: .scalar(.init(.integer(minimum: Int.min, maximum: nil), summary))
        case .number: .scalar(.init(.number(minimum: -.infinity, exclusiveMinimum: false), summary))
        case .boolean: .scalar(.init(.boolean, summary))
        case .duration: .scalar(.init(.duration, summary))
        case .distribution: .reference("distribution")
        case .probability: .scalar(.init(.probability, summary))
        case .stringMap: .dictionary(.init("an entry", summary, value: .scalar(.init(.text, "A value.")), identifierKeys: false))
        case .stringList: .list(.init(summary, item: .scalar(.init(.text, "A value."))))
        case .choice(let words): .scalar(.init(.choice(words), summary))
        case .any: .any(summary: summary)
        }
    }
}
