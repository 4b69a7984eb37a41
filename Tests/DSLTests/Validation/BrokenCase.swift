import Testing

/// One broken scenario and the error it must produce.
struct BrokenCase: Sendable, CustomTestStringConvertible {
    /// What is broken, shown as the test case's name.
    let name: String
    /// The scenario text.
    let yaml: String
    /// The error's expected 1-based line.
    let line: Int
    /// The error's expected 1-based column.
    let column: Int
    /// A part of the error's message.
    let message: String
    /// A part of the error's hint, when the hint matters (a did-you-mean).
    let hint: String?
    /// How many errors the file has in all, when that is known; nil when other, consequential errors are allowed.
    let errorCount: Int?
    /// Set when the validator is known to get this case wrong: a description of the bug.
    let knownBug: String?

    init(
        _ name: String, _ yaml: String, at line: Int, _ column: Int, _ message: String, hint: String? = nil,
        errors errorCount: Int? = 1, knownBug: String? = nil
    ) {
        self.name = name
        self.yaml = yaml
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.errorCount = errorCount
        self.knownBug = knownBug
    }

    var testDescription: String { name }
}
