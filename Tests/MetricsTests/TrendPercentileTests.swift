import StampedeMetrics
import Testing

@Suite("Trend histograms")
struct TrendPercentileTests {
    @Test("percentiles are within 0.1 % of the exact ones", arguments: [50.0, 75, 90, 95, 99, 99.9, 100])
    func percentileAccuracy(percentile: Double) {
        let samples = Fixtures.durations(100_000, seed: 7)
        var trend = TrendValue()
        for sample in samples { trend.record(seconds: sample) }
        let sorted = samples.sorted()
        let rank = max(1, Int((percentile / 100 * Double(sorted.count)).rounded(.up)))
        let exact = sorted[rank - 1]
        let measured = trend.percentile(percentile)
        #expect(abs(measured - exact) <= exact * 1e-3, "p(\(percentile)): \(measured) vs \(exact)")
    }

    @Test("count, sum, min, max and mean are exact")
    func exactFigures() {
        let samples = Fixtures.durations(10_000, seed: 3)
        var trend = TrendValue()
        for sample in samples { trend.record(seconds: sample) }
        #expect(trend.count == 10_000)
        #expect(trend.min == samples.min() && trend.max == samples.max())
        #expect(trend.sum == samples.reduce(0, +))
        #expect(trend.mean == samples.reduce(0, +) / 10_000)
    }

    @Test("merging trends equals recording everything into one")
    func mergeEqualsOne() {
        let first = Fixtures.durations(3000, seed: 1)
        let second = Fixtures.durations(2000, seed: 2)
        var a = TrendValue()
        var b = TrendValue()
        var both = TrendValue()
        for sample in first { a.record(seconds: sample) }
        for sample in second { b.record(seconds: sample) }
        for sample in first + second { both.record(seconds: sample) }
        a.merge(b)
        #expect(buckets(a) == buckets(both))
        #expect(a.count == both.count && a.min == both.min && a.max == both.max)
        #expect(abs(a.sum - both.sum) <= both.sum * 1e-12)
        #expect(a.percentile(95) == both.percentile(95))
    }
}
