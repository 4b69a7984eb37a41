import Histogram

/// One series as the results document writes it: `{name, kind, tags, values, histogram}`.
struct SeriesDocument: Codable, Equatable {
    /// The metric's name.
    var name: String
    /// `trend`, `counter`, `rate` or `gauge`.
    var kind: String
    /// The series' tags.
    var tags: [String: String]
    /// The aggregations that fit the kind.
    var values: SeriesValues
    /// Trends only: the HDR histogram's non-empty buckets.
    var histogram: HistogramDocument?

    /// The document of one series; `elapsed` divides counters into a rate.
    init(_ key: MetricKey, _ value: MetricValue, elapsed: Double) {
        name = key.name
        tags = Dictionary(key.tags.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        switch value {
        case .trend(let trend):
            kind = "trend"
            values = SeriesValues(trend: trend)
            histogram = HistogramDocument(trend.histogram)
        case .counter(let sum):
            kind = "counter"
            values = SeriesValues(count: sum, rate: elapsed > 0 ? sum / elapsed : nil)
        case let .rate(trues, total):
            kind = "rate"
            values = SeriesValues(count: Double(trues), total: total, rate: total > 0 ? Double(trues) / Double(total) : nil)
        case .gauge(let gauge):
            kind = "gauge"
            values = SeriesValues(min: gauge.min, max: gauge.max, value: gauge.value)
        }
    }

    /// The series' key.
    var key: MetricKey { MetricKey(name, TagSet(tags)) }
}

/// The numbers of one series; only those that fit its kind are present.
///
/// | kind    | values                                                          |
/// |---------|-----------------------------------------------------------------|
/// | trend   | count, sum, avg, min, med, max, p90, p95, p99, p99_9 (seconds)   |
/// | counter | count (the sum), rate (per second over the run)                 |
/// | rate    | count (true samples), total (all samples), rate (the share)     |
/// | gauge   | value (last level), min, max                                    |
struct SeriesValues: Codable, Equatable {
    var count: Double?
    var total: UInt64?
    var sum: Double?
    var rate: Double?
    var avg: Double?
    var min: Double?
    var med: Double?
    var max: Double?
    var p90: Double?
    var p95: Double?
    var p99: Double?
    var p99_9: Double?
    var value: Double?

    init(count: Double? = nil, total: UInt64? = nil, rate: Double? = nil, min: Double? = nil, max: Double? = nil, value: Double? = nil) {
        self.count = count
        self.total = total
        self.rate = rate
        self.min = min
        self.max = max
        self.value = value
    }

    init(trend: TrendValue) {
        self.init(count: Double(trend.count))
        sum = trend.sum
        guard trend.count > 0 else { return }
        avg = trend.mean
        min = trend.min
        max = trend.max
        med = trend.percentile(50)
        p90 = trend.percentile(90)
        p95 = trend.percentile(95)
        p99 = trend.percentile(99)
        p99_9 = trend.percentile(99.9)
    }

    private enum CodingKeys: String, CodingKey {
        case count, total, sum, rate, avg, min, med, max, p90, p95, p99, value
        case p99_9 = "p99_9"
    }
}

/// A trend's histogram: the layout and the sparse `[value, count]` pairs of its non-empty buckets (each value is the
/// highest value equivalent to its bucket, in microseconds).
struct HistogramDocument: Codable, Equatable {
    /// Always `us`.
    var unit: String
    var lowestDiscernible: UInt64
    var highestTrackable: UInt64
    var significantDigits: Int
    var counts: [[UInt64]]

    init(_ histogram: Histogram<UInt64>) {
        unit = "us"
        lowestDiscernible = histogram.lowestDiscernibleValue
        highestTrackable = histogram.highestTrackableValue
        significantDigits = Int(histogram.numberOfSignificantValueDigits.rawValue)
        counts = histogram.recordedValues().map { [$0.value, $0.count] }
    }

    private enum CodingKeys: String, CodingKey {
        case unit, counts
        case lowestDiscernible = "lowest_discernible"
        case highestTrackable = "highest_trackable"
        case significantDigits = "significant_digits"
    }
}
