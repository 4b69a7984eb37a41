import StampedeModel

/// Checks `{{ … }}` templates in action parameters: every reference must name something that exists.
///
/// References: `session.NAME` (a value captured by some state of the behaviour), `data.FEEDER.COLUMN` (a feeder
/// row), `player.id`, `player.iteration`, and `env.NAME` (an environment variable at run time).
struct TemplateChecks {
    let captured: Set<String>
    let feeders: [FeederSpec]
    private(set) var diagnostics: [Diagnostic] = []

    init(captured: Set<String>, feeders: [FeederSpec]) {
        self.captured = captured
        self.feeders = feeders
    }

    /// Checks every text value under `node`.
    mutating func check(_ node: YAMLNode?) {
        guard let node else { return }
        switch node {
        case .scalar(let scalar):
            guard !scalar.isNull else { return }
            for part in Template.parse(scalar.text) {
                switch part {
                case .literal: continue
                case let .reference(path, offset): checkReference(path, at: scalar.contentLocation.advanced(by: offset))
                case let .malformed(message, offset):
                    diagnostics.append(.error(scalar.contentLocation.advanced(by: offset), message,
                                              hint: "write {{ session.name }}, {{ data.feeder.column }} or {{ player.id }}"))
                }
            }
        case .sequence(let items, _):
            items.forEach { check($0) }
        case .mapping(let entries, _):
            entries.forEach { check($0.value) }
        }
    }

    private mutating func checkReference(_ path: [String], at location: SourceLocation) {
        let roots = ["session", "data", "player", "env"]
        switch path.first {
        case "session":
            guard path.count == 2 else { return fail(location, "write {{ session.NAME }}") }
            if !captured.contains(path[1]) {
                fail(location, "session variable '\(path[1])' is never captured",
                     hint: Suggestion.hint(for: path[1], in: captured.sorted(), noun: "captured variables are")
                        ?? "capture it first, e.g. capture: { \(path[1]): \(path[1]) }")
            }
        case "data":
            guard path.count == 3 else { return fail(location, "write {{ data.FEEDER.COLUMN }}") }
            guard let feeder = feeders.first(where: { $0.name == path[1] }) else {
                return fail(location, "unknown feeder '\(path[1])'",
                            hint: Suggestion.hint(for: path[1], in: feeders.map(\.name), noun: "feeders are") ?? "declare it under data:")
            }
            if !feeder.columns.isEmpty, !feeder.columns.contains(path[2]) {
                fail(location, "feeder '\(feeder.name)' has no column '\(path[2])'",
                     hint: Suggestion.hint(for: path[2], in: feeder.columns, noun: "its columns are"))
            }
        case "player":
            let fields = ["id", "iteration"]
            if path.count != 2 || !fields.contains(path[1]) {
                fail(location, "unknown player field '\(path.dropFirst().joined(separator: "."))'",
                     hint: Suggestion.hint(for: path.last ?? "", in: fields))
            }
        case "env":
            if path.count != 2 { fail(location, "write {{ env.NAME }}") }
        default:
            fail(location, "unknown template reference '\(path.joined(separator: "."))'",
                 hint: Suggestion.hint(for: path.first ?? "", in: roots, noun: "references start with"))
        }
    }

    private mutating func fail(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(location, message, hint: hint))
    }
}
