/// Why a value with a unit could not be read.
public struct UnitError: Error, Sendable, Equatable {
    /// What is wrong.
    public var message: String
    /// How to write it instead.
    public var hint: String?

    /// Creates an error.
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
