import StampedeModel

/// One criterion as written in YAML, located at its first character (after any quote).
public struct RawCriterion: Sendable, Equatable {
    /// The expression: `p(95) < 200ms`.
    public var text: String
    /// Where its first character is.
    public var location: SourceLocation
    /// Whether a failure stops the run at once.
    public var abortOnFail: Bool
    /// How long after the start the criterion may first abort the run, in seconds.
    public var delayAbortEval: Double?

    /// Creates a raw criterion.
    public init(text: String, location: SourceLocation, abortOnFail: Bool = false, delayAbortEval: Double? = nil) {
        self.text = text
        self.location = location
        self.abortOnFail = abortOnFail
        self.delayAbortEval = delayAbortEval
    }
}
