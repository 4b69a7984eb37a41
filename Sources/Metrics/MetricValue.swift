import Histogram

/// The accumulated value of one series: how it aggregates depends on the metric's kind.
public enum MetricValue: Sendable, Equatable {
    /// A distribution (durations in microseconds).
    case trend(TrendValue)
    /// A sum.
    case counter(Double)
    /// A count of true samples out of all samples.
    case rate(trues: UInt64, total: UInt64)
    /// A level that goes up and down.
    case gauge(GaugeValue)

    /// Adds `other` (of the same kind) into this value; values of another kind are ignored.
    public mutating func merge(_ other: MetricValue) {
        switch (self, other) {
        case (.trend(var mine), .trend(let theirs)):
            mine.merge(theirs)
            self = .trend(mine)
        case (.counter(let mine), .counter(let theirs)):
            self = .counter(mine + theirs)
        case let (.rate(trues, total), .rate(otherTrues, otherTotal)):
            self = .rate(trues: trues + otherTrues, total: total + otherTotal)
        case (.gauge(var mine), .gauge(let theirs)):
            mine.merge(theirs)
            self = .gauge(mine)
        default:
            break
        }
    }
}

/// A distribution of durations: an HDR histogram in microseconds (3 significant digits, up to an hour and
/// beyond — it resizes), with the exact count, sum, minimum and maximum beside it.
public struct TrendValue: Sendable, Equatable {
    /// The histogram (microseconds).
    public private(set) var histogram: Histogram<UInt64>
    /// Samples recorded.
    public private(set) var count: UInt64 = 0
    /// Sum of the samples, in seconds.
    public private(set) var sum: Double = 0
    /// Smallest sample, in seconds.
    public private(set) var min: Double = .infinity
    /// Largest sample, in seconds.
    public private(set) var max: Double = -.infinity

    /// The largest value the histogram tracks before resizing: one hour in microseconds.
    public static let highestTrackable: UInt64 = 3_600_000_000

    /// An empty trend.
    public init() {
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: Self.highestTrackable,
                                          numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        self.histogram = histogram
    }

    /// A trend restored from its parts (for example from a results document).
    public init(histogram: Histogram<UInt64>, count: UInt64, sum: Double, min: Double, max: Double) {
        self.histogram = histogram
        self.count = count
        self.sum = sum
        self.min = min
        self.max = max
    }

    /// Records a duration in seconds (negative values count as 0).
    public mutating func record(seconds: Double) {
        let value = Swift.max(0, seconds.isFinite ? seconds : 0)
        _ = histogram.record(UInt64((value * 1e6).rounded()))
        count += 1
        sum += value
        min = Swift.min(min, value)
        max = Swift.max(max, value)
    }

    /// Adds another trend's samples.
    public mutating func merge(_ other: TrendValue) {
        histogram.add(other.histogram)
        count += other.count
        sum += other.sum
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
    }

    /// The mean, in seconds (0 when empty).
    public var mean: Double { count > 0 ? sum / Double(count) : 0 }

    /// The `percentile` (0–100) in seconds, from the histogram (within 0.1 %).
    public func percentile(_ percentile: Double) -> Double {
        count > 0 ? Double(histogram.valueAtPercentile(percentile)) / 1e6 : 0
    }

    /// Compares the recorded data.
    public static func == (lhs: TrendValue, rhs: TrendValue) -> Bool {
        lhs.count == rhs.count && lhs.sum == rhs.sum && lhs.min == rhs.min && lhs.max == rhs.max
            && lhs.histogram.totalCount == rhs.histogram.totalCount
            && Array(lhs.histogram.recordedValues().map { [$0.value, UInt64($0.count)] })
                == Array(rhs.histogram.recordedValues().map { [$0.value, UInt64($0.count)] })
    }
}

/// A gauge: its last value, and the lowest and highest it reached.
public struct GaugeValue: Sendable, Equatable {
    /// The last value set.
    public var value: Double
    /// The lowest value.
    public var min: Double
    /// The highest value.
    public var max: Double

    /// A gauge at `value`.
    public init(_ value: Double) {
        self.value = value
        min = value
        max = value
    }

    /// Sets a new value.
    public mutating func set(_ newValue: Double) {
        value = newValue
        min = Swift.min(min, newValue)
        max = Swift.max(max, newValue)
    }

    /// Combines two shards' views of one gauge: levels add (each shard holds its part), extremes widen.
    public mutating func merge(_ other: GaugeValue) {
        value += other.value
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
    }
}
