/// How a measured value (and the bound it is compared with) should be printed.
public enum VerdictUnit: String, Sendable, Equatable, Codable, CaseIterable {
    /// A duration in seconds: print as `12.3ms`.
    case seconds
    /// A share from 0 to 1: print as a percentage.
    case fraction
    /// A plain number of things (samples, bytes, players).
    case count
    /// Events per second.
    case perSecond = "per_second"
}
