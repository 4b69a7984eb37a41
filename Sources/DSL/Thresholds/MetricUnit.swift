/// What the values of a metric measure, which decides the units a threshold bound may be written in.
///
/// Bounds are stored in the unit's base: seconds for `.duration`, a fraction from 0 to 1 for `.fraction`,
/// plain numbers for `.bytes` and `.count`.
public enum MetricUnit: String, Sendable, Equatable, CaseIterable {
    /// A time, in seconds; bounds are written with a duration unit: `200ms`, `1.5s`.
    case duration
    /// A number of bytes; bounds are plain numbers.
    case bytes
    /// A number of things (players, requests); bounds are plain numbers.
    case count
    /// A share from 0 to 1; bounds are written `1%` or `0.01`.
    case fraction
}
