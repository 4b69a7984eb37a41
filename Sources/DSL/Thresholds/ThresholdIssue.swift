import StampedeModel

/// A problem in a threshold key or criterion, at a character offset inside the text.
struct ThresholdIssue: Error, Sendable, Equatable {
    /// Error or warning.
    var severity: Diagnostic.Severity
    /// 0-based character offset of the offending character in the text.
    var offset: Int
    /// What is wrong.
    var message: String
    /// How to fix it.
    var hint: String?

    /// An error at `offset`.
    static func error(_ offset: Int, _ message: String, hint: String? = nil) -> ThresholdIssue {
        ThresholdIssue(severity: .error, offset: offset, message: message, hint: hint)
    }

    /// A warning at `offset`.
    static func warning(_ offset: Int, _ message: String, hint: String? = nil) -> ThresholdIssue {
        ThresholdIssue(severity: .warning, offset: offset, message: message, hint: hint)
    }

    /// The diagnostic for text whose first character is at `origin`.
    func diagnostic(from origin: SourceLocation) -> Diagnostic {
        Diagnostic(severity, at: origin.advanced(by: offset), message, hint: hint)
    }
}
