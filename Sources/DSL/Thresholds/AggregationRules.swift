import StampedeModel
import StampedePluginAPI

/// Which aggregations each metric kind allows, and which units their bounds take.
///
/// | kind    | aggregations                    |
/// |---------|---------------------------------|
/// | trend   | avg, min, max, med, p(N), count |
/// | counter | count, rate (events per second) |
/// | rate    | rate (fraction true), count     |
/// | gauge   | value, min, max                 |
///
/// Bounds: `avg`/`min`/`max`/`med`/`p(N)`/`value` take the metric's own unit (a duration such as `200ms` for
/// duration metrics, a plain number for counts and bytes); `rate` of a rate metric takes `1%` or a fraction
/// `0.01`; `rate` of a counter takes `100/s`, `6000/min` or a plain number per second; `count` takes a plain number.
enum AggregationRules {
    /// What a bound measures, once the aggregation and metric are known.
    enum Dimension: Sendable, Equatable {
        /// Seconds.
        case duration
        /// A fraction from 0 to 1.
        case fraction
        /// Events per second.
        case perSecond
        /// A plain number.
        case number
    }

    /// The aggregations `kind` allows, as written in hints.
    static func allowedNames(for kind: MetricKind) -> [String] {
        switch kind {
        case .trend: ["avg", "min", "max", "med", "p(N)", "count"]
        case .counter: ["count", "rate"]
        case .rate: ["rate", "count"]
        case .gauge: ["value", "min", "max"]
        }
    }

    /// Whether `kind` allows `aggregation`.
    static func allows(_ aggregation: Aggregation, on kind: MetricKind) -> Bool {
        switch (kind, aggregation) {
        case (.trend, .avg), (.trend, .min), (.trend, .max), (.trend, .med), (.trend, .percentile), (.trend, .count):
            true
        case (.counter, .count), (.counter, .rate), (.rate, .rate), (.rate, .count):
            true
        case (.gauge, .value), (.gauge, .min), (.gauge, .max):
            true
        default:
            false
        }
    }

    /// What the bound of `aggregation` on `metric` measures.
    static func dimension(of aggregation: Aggregation, on metric: MetricInfo) -> Dimension {
        switch aggregation {
        case .count: return .number
        case .rate: return metric.kind == .rate ? .fraction : .perSecond
        case .avg, .min, .max, .med, .percentile, .value:
            switch metric.unit {
            case .duration: return .duration
            case .fraction: return .fraction
            case .bytes, .count: return .number
            }
        }
    }

    /// A kind with its article, for messages: `a counter`.
    static func describe(_ kind: MetricKind) -> String {
        switch kind {
        case .counter: "a counter"
        case .gauge: "a gauge"
        case .rate: "a rate"
        case .trend: "a trend"
        }
    }

    /// The problem with using `criterion` on `metric`, if any: the aggregation must suit the metric's kind and the
    /// bound's unit must suit the aggregation.
    static func check(_ criterion: ParsedCriterion, on metric: MetricInfo) -> ThresholdIssue? {
        let aggregation = criterion.aggregationText
        guard allows(criterion.aggregation, on: metric.kind) else {
            return .error(
                criterion.aggregationOffset,
                "'\(aggregation)' does not apply to '\(metric.name)', \(describe(metric.kind))",
                hint: "\(describe(metric.kind)) allows \(allowedNames(for: metric.kind).joined(separator: ", "))")
        }
        let bound = criterion.bound
        let subject = "'\(aggregation)' of '\(metric.name)'"
        switch dimension(of: criterion.aggregation, on: metric) {
        case .duration:
            switch bound.unit {
            case .duration: return negative(bound, subject)
            case .none:
                return .error(bound.offset, "bound '\(bound.text)' has no unit, but \(subject) is a duration", hint: "write \(bound.numberText)ms")
            case .percent, .perSecond:
                return .error(bound.unitOffset, "\(subject) is a duration, not '\(bound.text)'", hint: "write a duration such as 200ms")
            }
        case .fraction:
            switch bound.unit {
            case .percent where bound.value > 1:
                return .error(bound.offset, "bound '\(bound.text)' is more than 100%", hint: "\(subject) is a share from 0% to 100%")
            case .none where bound.value > 1:
                return .error(bound.offset, "bound '\(bound.text)' is more than 1, but \(subject) is a fraction", hint: "write \(bound.numberText)% or a fraction from 0 to 1")
            case .percent, .none: return negative(bound, subject)
            case .duration, .perSecond:
                return .error(bound.unitOffset, "\(subject) is a fraction, not '\(bound.text)'", hint: "write a percentage such as 1% or a fraction such as 0.01")
            }
        case .perSecond:
            switch bound.unit {
            case .perSecond, .none: return negative(bound, subject)
            case .duration, .percent:
                return .error(bound.unitOffset, "\(subject) is events per second, not '\(bound.text)'", hint: "write e.g. 100/s, 6000/min or a plain number per second")
            }
        case .number:
            guard bound.unit == .none else {
                return .error(bound.unitOffset, "\(subject) is a plain number, not '\(bound.text)'", hint: "write a number without unit, e.g. \(bound.numberText)")
            }
            return metric.kind == .gauge && criterion.aggregation != .count ? nil : negative(bound, subject)
        }
    }

    /// The problem with a negative bound where values cannot be negative.
    private static func negative(_ bound: ParsedBound, _ subject: String) -> ThresholdIssue? {
        bound.value < 0 ? .error(bound.offset, "bound '\(bound.text)' is negative", hint: "\(subject) is never below 0") : nil
    }
}
