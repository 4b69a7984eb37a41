/// The process exit codes a finished run maps to, stable for CI systems (the same numbers as the CLI's).
public enum RunExitCode {
    /// The run completed and every threshold passed.
    public static let success: Int32 = 0
    /// The run could not go on (``StopReason/failed(message:)``).
    public static let runFailed: Int32 = 1
    /// A threshold failed, or one with `abortOnFail` stopped the run.
    public static let thresholdsFailed: Int32 = 99
    /// Base of the code of a run stopped by a signal: 128 + the signal's number (130 for SIGINT), as shells do.
    public static let signalBase: Int32 = 128

    /// The code for a run that stopped for `reason` with `verdicts`: a failed run first, then an interrupted one,
    /// then failed thresholds.
    public static func code(stopReason reason: StopReason, verdicts: [ThresholdVerdict]) -> Int32 {
        switch reason {
        case .failed: return runFailed
        case .interrupted(let signal): return signalBase + signal
        case .aborted: return thresholdsFailed
        case .completed: return verdicts.allSatisfy(\.passed) ? success : thresholdsFailed
        }
    }
}
