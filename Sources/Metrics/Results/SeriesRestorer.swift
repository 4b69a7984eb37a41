import Histogram
/// Rebuilds a ``MetricsStore`` from the series of a results document.
///
/// What is restored exactly: counters (the sum), rates (true and total samples), gauges (level and extremes; a level
/// outside its extremes, as merged shards or machines make, when it splits into at most 256 equal parts within them),
/// and trends (count, sum, minimum, maximum and every histogram bucket count), so percentiles, means and merges are
/// exactly those of the run.
enum SeriesRestorer {
    /// The store holding every series of `documents`.
    static func restore(_ documents: [SeriesDocument]) throws -> MetricsStore {
        var store = MetricsStore()
        for document in documents {
            try restore(document, into: &store)
        }
        return store
    }

    private static func restore(_ document: SeriesDocument, into store: inout MetricsStore) throws {
        let name = document.name
        let tags = TagSet(document.tags)
        let label = MetricKey(name, tags).label
        let values = document.values
        switch document.kind {
        case "counter":
            store.add(name, tags, try need(values.count, "count", label))
        case "rate":
            let total = try need(values.total, "total", label)
            guard let trues = UInt64(exactly: try need(values.count, "count", label)), trues <= total else {
                throw ResultsDecodingError.missingValue(series: label, value: "count")
            }
            store.merge(.rate(trues: trues, total: total), into: MetricKey(name, tags))
        case "gauge":
            let (low, high, level) = (try need(values.min, "min", label), try need(values.max, "max", label), try need(values.value, "value", label))
            restoreGauge(name, tags, level: level, min: low, max: high, into: &store)
        case "trend":
            try restoreTrend(document, label: label, into: &store)
        default:
            throw ResultsDecodingError.unknownKind(series: label, kind: document.kind)
        }
    }

    /// A gauge's level is the sum of the levels of the shards (or machines) that set it, so it may lie outside its
    /// extremes. It is rebuilt as `k` equal parts within the extremes, merged, for the smallest `k` (up to
    /// ``maxGaugeParts``) whose merge gives the level exactly; failing that, the level is set as is and the extremes
    /// widen to include it.
    private static func restoreGauge(_ name: String, _ tags: TagSet, level: Double, min low: Double, max high: Double, into store: inout MetricsStore) {
        let parts = (1...maxGaugeParts).first { parts in
            let part = level / Double(parts)
            return low <= part && part <= high && repeatedSum(part, UInt64(parts)) == level
        }
        var part = MetricsStore()
        part.setGauge(name, tags, low)
        part.setGauge(name, tags, high)
        guard let parts else {
            part.setGauge(name, tags, level)
            store.merge(part)
            return
        }
        part.setGauge(name, tags, level / Double(parts))
        store.merge(repeated(part, UInt64(parts)))
    }

    /// The most equal parts a gauge's level is split into.
    private static let maxGaugeParts = 256

    /// What ``repeated(_:_:)`` adds up for a level of `value` repeated `times` times, in the same order.
    private static func repeatedSum(_ value: Double, _ times: UInt64) -> Double {
        var result: Double?
        var power = value
        var left = times
        while left > 0 {
            if left & 1 == 1 { result = result.map { $0 + power } ?? power }
            left >>= 1
            if left > 0 { power += power }
        }
        return result ?? 0
    }

    private static func restoreTrend(_ document: SeriesDocument, label: String, into store: inout MetricsStore) throws {
        guard let histogram = document.histogram else { throw ResultsDecodingError.missingValue(series: label, value: "histogram") }
        let layout = TrendValue().histogram
        guard histogram.unit == "us", histogram.lowestDiscernible == layout.lowestDiscernibleValue,
              histogram.significantDigits == Int(layout.numberOfSignificantValueDigits.rawValue)
        else { throw ResultsDecodingError.histogramLayout(series: label) }
        guard let count = document.values.count.flatMap({ UInt64(exactly: $0) }) else {
            throw ResultsDecodingError.missingValue(series: label, value: "count")
        }
        var buckets: [(value: UInt64, count: UInt64)] = []
        for pair in histogram.counts {
            guard pair.count == 2, pair[1] > 0 else { throw ResultsDecodingError.histogramCounts(series: label) }
            buckets.append((pair[0], pair[1]))
        }
        guard buckets.reduce(0, { $0 + $1.count }) == count else { throw ResultsDecodingError.histogramCounts(series: label) }
        guard count > 0 else { return }
        let low = try need(document.values.min, "min", label)
        let high = try need(document.values.max, "max", label)
        let sum = try need(document.values.sum, "sum", label)
        var restored = Histogram<UInt64>(lowestDiscernibleValue: layout.lowestDiscernibleValue,
                                         highestTrackableValue: Swift.max(layout.highestTrackableValue, histogram.highestTrackable),
                                         numberOfSignificantValueDigits: layout.numberOfSignificantValueDigits)
        restored.autoResize = true
        for bucket in buckets {
            guard restored.record(bucket.value, count: bucket.count) else { throw ResultsDecodingError.histogramCounts(series: label) }
        }
        let trend = TrendValue(histogram: restored, count: count, sum: sum, min: low, max: high)
        store.merge(.trend(trend), into: MetricKey(document.name, TagSet(document.tags)))
    }

    private static func need<T>(_ value: T?, _ field: String, _ label: String) throws -> T {
        guard let value else { throw ResultsDecodingError.missingValue(series: label, value: field) }
        return value
    }



    /// `unit` merged with itself into `times` copies, by doubling.
    private static func repeated(_ unit: MetricsStore, _ times: UInt64) -> MetricsStore {
        var result = MetricsStore()
        var power = unit
        var left = times
        while left > 0 {
            if left & 1 == 1 { result.merge(power) }
            left >>= 1
            if left > 0 { power.merge(power) }
        }
        return result
    }
}

extension MetricKey {
    /// `name{k:v,…}` for messages.
    var label: String { tags.tags.isEmpty ? name : name + tags.description }
}
