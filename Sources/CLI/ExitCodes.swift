import ArgumentParser

/// The exit codes of `stampede`, stable for CI systems.
public enum StampedeExit {
    /// Everything passed.
    public static let success = ExitCode(0)
    /// The run itself failed.
    public static let runError = ExitCode(1)
    /// A threshold failed.
    public static let thresholdsFailed = ExitCode(99)
    /// The scenario or the options are invalid.
    public static let invalidScenario = ExitCode(104)
}
