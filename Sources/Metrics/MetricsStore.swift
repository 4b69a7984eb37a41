import StampedeModel
import StampedePluginAPI

/// Every series of a run (or of one shard of it), by metric name and tags.
public struct MetricsStore: Sendable, Equatable {
    /// The series.
    public private(set) var series: [MetricKey: MetricValue] = [:]

    /// An empty store.
    public init() {}

    /// Adds a duration, in seconds, to a trend series.
    public mutating func recordTrend(_ name: String, _ tags: TagSet, seconds: Double) {
        let key = MetricKey(name, tags)
        if let index = series.index(forKey: key) {
            series.values[index].recordTrend(seconds: seconds)
        } else {
            var trend = TrendValue()
            trend.record(seconds: seconds)
            series[key] = .trend(trend)
        }
    }

    /// Adds to a counter series.
    public mutating func add(_ name: String, _ tags: TagSet, _ amount: Double = 1) {
        let key = MetricKey(name, tags)
        if let index = series.index(forKey: key) {
            series.values[index].add(amount)
        } else {
            series[key] = .counter(amount)
        }
    }

    /// Adds one sample to a rate series: `true` samples count towards the rate.
    public mutating func recordRate(_ name: String, _ tags: TagSet, _ sample: Bool) {
        let key = MetricKey(name, tags)
        if let index = series.index(forKey: key) {
            series.values[index].recordRate(sample)
        } else {
            series[key] = .rate(trues: sample ? 1 : 0, total: 1)
        }
    }

    /// Sets a gauge series.
    public mutating func setGauge(_ name: String, _ tags: TagSet, _ value: Double) {
        let key = MetricKey(name, tags)
        if let index = series.index(forKey: key) {
            series.values[index].setGauge(value)
        } else {
            series[key] = .gauge(GaugeValue(value))
        }
    }

    /// Records a custom metric sample of the given kind (trend samples are seconds).
    public mutating func record(_ sample: MetricSample, kind: MetricKind, tags: TagSet) {
        let merged = tags.merging(sample.tags)
        switch kind {
        case .counter: add(sample.name, merged, sample.value)
        case .gauge: setGauge(sample.name, merged, sample.value)
        case .rate: recordRate(sample.name, merged, sample.value != 0)
        case .trend: recordTrend(sample.name, merged, seconds: sample.value)
        }
    }

    /// Adds `value` into the series `key` (creating it).
    public mutating func merge(_ value: MetricValue, into key: MetricKey) {
        if var mine = series[key] {
            mine.merge(value)
            series[key] = mine
        } else {
            series[key] = value
        }
    }

    /// Adds every series of `other`.
    public mutating func merge(_ other: MetricsStore) {
        for (key, value) in other.series {
            if var mine = series[key] {
                mine.merge(value)
                series[key] = mine
            } else {
                series[key] = value
            }
        }
    }

    /// The series of metric `name` whose tags match every filter.
    public func series(named name: String, matching filters: [TagFilter] = []) -> [(tags: TagSet, value: MetricValue)] {
        series.compactMap { key, value in
            key.name == name && key.tags.matches(filters) ? (key.tags, value) : nil
        }
    }

    /// The series of metric `name` matching `filters`, merged into one value (nil when there is none).
    public func merged(_ name: String, matching filters: [TagFilter] = []) -> MetricValue? {
        var result: MetricValue?
        for (_, value) in series(named: name, matching: filters) {
            if result == nil { result = value } else { result?.merge(value) }
        }
        return result
    }
}
