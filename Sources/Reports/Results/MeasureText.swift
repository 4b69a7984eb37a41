import StampedeMetrics

/// Measured values as people read them in run reports: `12.3ms`, `0.25%`, `1,234`, `98.5/s`.
public enum MeasureText {
    /// A duration with about three significant digits: `850µs`, `12.3ms`, `1.23s`, `2m5s`.
    public static func seconds(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "∞" }
        let magnitude = abs(seconds)
        if magnitude == 0 { return "0ms" }
        if magnitude < 0.001 { return NumberText.amount(seconds * 1e6) + "µs" }
        if magnitude < 1 { return NumberText.amount(seconds * 1e3) + "ms" }
        if magnitude < 60 { return NumberText.amount(seconds) + "s" }
        return NumberText.duration(seconds.rounded())
    }

    /// A share as a percentage with up to three significant decimals: `0.25%`, `12.5%`, `100%`.
    public static func fraction(_ fraction: Double) -> String {
        NumberText.amount(fraction * 100) + "%"
    }

    /// `value` printed in `unit`.
    public static func value(_ value: Double, _ unit: VerdictUnit) -> String {
        switch unit {
        case .seconds: seconds(value)
        case .fraction: fraction(value)
        case .count: NumberText.amount(value)
        case .perSecond: NumberText.amount(value) + "/s"
        }
    }

    /// A verdict's measured value, or why it has none: `212ms`, `no data`.
    public static func measured(_ verdict: ThresholdVerdict) -> String {
        verdict.value.map { value($0, verdict.unit) } ?? verdict.reason ?? "no value"
    }

    /// A verdict's bound with its comparison: `< 200ms`.
    public static func bound(_ verdict: ThresholdVerdict) -> String {
        "\(verdict.comparison) \(value(verdict.bound, verdict.unit))"
    }
}
