/// One problem found in a scenario, with where it is and how to fix it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Whether the problem stops the scenario from running.
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// The scenario is invalid.
        case error
        /// The scenario is valid but probably not what was meant.
        case warning

        /// Errors sort before warnings at the same place.
        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    /// Error or warning.
    public var severity: Severity
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong.
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?

    /// Creates a diagnostic.
    public init(_ severity: Severity, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// An error.
    public static func error(_ location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    /// A warning.
    public static func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, hint: hint)
    }

    /// `FILE:LINE:COL: error: what — hint`.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += " — \(hint)" }
        return text
    }
}

extension Array where Element == Diagnostic {
    /// The diagnostics sorted by position, errors before warnings at one place, duplicates removed.
    public func sortedByPosition() -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return filter { seen.insert($0).inserted }.sorted {
            ($0.location, $0.severity, $0.message) < ($1.location, $1.severity, $1.message)
        }
    }

    /// Whether any of them is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
