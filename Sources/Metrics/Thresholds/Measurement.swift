import StampedeModel
import StampedePluginAPI

/// What an aggregation yields from a metric's merged value: a number in some unit, or why there is none.
struct Measurement: Equatable {
    /// The value, or nil.
    var value: Double?
    /// The unit of the value (and of the criterion's bound).
    var unit: VerdictUnit
    /// Why there is no value.
    var reason: String?

    /// Computes `aggregation` over `value` (the merged series; nil when none matched), `elapsed` seconds into the
    /// run. `kind` labels the unit when there is no data.
    static func of(_ aggregation: Aggregation, over value: MetricValue?, elapsed: Double, kind: MetricKind?) -> Measurement {
        guard let value else {
            let unit = unit(of: aggregation, kind: kind)
            return aggregation == .count
                ? Measurement(value: 0, unit: .count)
                : Measurement(value: nil, unit: unit, reason: ThresholdVerdict.noData)
        }
        switch value {
        case .trend(let trend): return of(aggregation, trend: trend)
        case .counter(let sum):
            switch aggregation {
            case .count: return Measurement(value: sum, unit: .count)
            case .rate:
                return elapsed > 0
                    ? Measurement(value: sum / elapsed, unit: .perSecond)
                    : Measurement(value: nil, unit: .perSecond, reason: "no time has elapsed")
            default: return notApplicable(aggregation, .counter)
            }
        case let .rate(trues, total):
            switch aggregation {
            case .count: return Measurement(value: Double(trues), unit: .count)
            case .rate:
                return total > 0
                    ? Measurement(value: Double(trues) / Double(total), unit: .fraction)
                    : Measurement(value: nil, unit: .fraction, reason: ThresholdVerdict.noData)
            default: return notApplicable(aggregation, .rate)
            }
        case .gauge(let gauge):
            switch aggregation {
            case .value: return Measurement(value: gauge.value, unit: .count)
            case .min: return Measurement(value: gauge.min, unit: .count)
            case .max: return Measurement(value: gauge.max, unit: .count)
            default: return notApplicable(aggregation, .gauge)
            }
        }
    }

    private static func of(_ aggregation: Aggregation, trend: TrendValue) -> Measurement {
        guard trend.count > 0 else {
            return aggregation == .count
                ? Measurement(value: 0, unit: .count)
                : Measurement(value: nil, unit: .seconds, reason: ThresholdVerdict.noData)
        }
        switch aggregation {
        case .avg: return Measurement(value: trend.mean, unit: .seconds)
        case .min: return Measurement(value: trend.min, unit: .seconds)
        case .max: return Measurement(value: trend.max, unit: .seconds)
        case .med: return Measurement(value: trend.percentile(50), unit: .seconds)
        case .percentile(let p): return Measurement(value: trend.percentile(p), unit: .seconds)
        case .count: return Measurement(value: Double(trend.count), unit: .count)
        case .rate, .value: return notApplicable(aggregation, .trend)
        }
    }

    private static func notApplicable(_ aggregation: Aggregation, _ kind: MetricKind) -> Measurement {
        Measurement(value: nil, unit: unit(of: aggregation, kind: kind), reason: "'\(aggregation)' does not apply to a \(kind.rawValue)")
    }

    /// The unit `aggregation` yields on a metric of `kind` (guessed from the aggregation when the kind is unknown).
    static func unit(of aggregation: Aggregation, kind: MetricKind?) -> VerdictUnit {
        switch (aggregation, kind) {
        case (.count, _): .count
        case (.rate, .counter): .perSecond
        case (.rate, _): .fraction
        case (.value, _), (.min, .gauge), (.max, .gauge): .count
        case (.avg, _), (.min, _), (.max, _), (.med, _), (.percentile, _): .seconds
        }
    }

    /// The kind of a value.
    static func kind(of value: MetricValue) -> MetricKind {
        switch value {
        case .trend: .trend
        case .counter: .counter
        case .rate: .rate
        case .gauge: .gauge
        }
    }
}
