import Foundation
import StampedeMetrics
import StampedeModel
import Testing

/// Builders for thresholds, stores and results used across the metrics tests.
enum Fixtures {
    static let location = StampedeModel.SourceLocation(file: "test.yaml", line: 1, column: 1)

    /// A threshold on `metric` with `tags` (in order) and criteria `(aggregation, comparison, bound)`.
    static func spec(
        _ metric: String, _ tags: KeyValuePairs<String, String>,
        _ criteria: [(Aggregation, Comparison, Double)], abortOnFail: Bool = false, delay: Double? = nil
    ) -> ThresholdSpec {
        ThresholdSpec(
            metric: metric, tags: tags.map { TagFilter(key: $0.key, value: $0.value, location: location) },
            criteria: criteria.map { aggregation, comparison, bound in
                ThresholdCriterion(
                    source: "\(aggregation) \(comparison.rawValue) \(bound.compactText)", aggregation: aggregation,
                    comparison: comparison, bound: bound, abortOnFail: abortOnFail, delayAbortEval: delay, location: location)
            },
            location: location)
    }

    /// A threshold on `metric` without tag filters.
    static func spec(
        _ metric: String, _ criteria: [(Aggregation, Comparison, Double)], abortOnFail: Bool = false, delay: Double? = nil
    ) -> ThresholdSpec {
        spec(metric, [:], criteria, abortOnFail: abortOnFail, delay: delay)
    }

    /// Per-action base tags as the engine records them.
    static func base(_ action: String, load: String = "main") -> TagSet {
        TagSet(["action": action, "target": String(action.split(separator: ".")[0]), "behaviour": "player",
                "state": "s1", "load": load])
    }

    /// Records one action sample the way the engine does.
    static func recordAction(
        _ store: inout MetricsStore, _ action: String, latency: Double, errorKind: String? = nil, load: String = "main"
    ) {
        let tags = base(action, load: load)
        let status = errorKind == nil ? "ok" : "error"
        store.recordTrend("latency", tags.adding("outcome", status), seconds: latency)
        store.recordTrend("service_time", tags.adding("outcome", status), seconds: latency * 0.9)
        store.add("requests", tags)
        store.recordRate("errors", errorKind.map { tags.adding("error_kind", $0) } ?? tags, errorKind != nil)
        store.add("bytes_in", tags, 100)
        store.add("bytes_out", tags, 40)
    }

    /// A store of a small run: `game.login` 10 successes (10 … 100 ms) and 3 timeouts (5 s), `game.play`
    /// 5 successes of 200 ms, a `players_online` gauge set to 5, 10, 7, and run-level series.
    static func smallRun() -> MetricsStore {
        var store = MetricsStore()
        for index in 1...10 { recordAction(&store, "game.login", latency: Double(index) / 100) }
        for _ in 0..<3 { recordAction(&store, "game.login", latency: 5, errorKind: "timeout") }
        for _ in 0..<5 { recordAction(&store, "game.play", latency: 0.2) }
        for level in [5.0, 10, 7] { store.setGauge("players_online", TagSet(), level) }
        store.add("iterations", TagSet(["behaviour": "player", "load": "main"]), 4)
        store.recordTrend("iteration_duration", TagSet(["behaviour": "player", "load": "main"]), seconds: 12.5)
        return store
    }

    /// A deterministic spread of durations from 1 ms to about 10 s (log-uniform), `count` of them.
    static func durations(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53)
            return 0.001 * pow(10_000, unit)
        }
    }

    /// A store with many trend buckets (some with counts above the restorer's doubling threshold), every kind of
    /// series, and tags that differ per machine.
    static func bigRun(seed: UInt64, machine: String) -> MetricsStore {
        var store = MetricsStore()
        for (index, seconds) in durations(4000, seed: seed).enumerated() {
            let failed = index % 50 == 0
            recordAction(&store, index % 3 == 0 ? "game.play" : "game.login", latency: seconds, errorKind: failed ? "http_500" : nil)
        }
        for _ in 0..<1500 { recordAction(&store, "game.ping", latency: 0.0123456) }
        store.recordTrend("latency", base("game.ping").adding("outcome", "ok"), seconds: 0.0123001)
        store.add("dropped_iterations", TagSet(["load": "main"]), 3)
        store.recordTrend("schedule_lag", TagSet(["load": "main"]), seconds: 0.0004)
        store.setGauge("in_flight", TagSet(), 12)
        store.setGauge("in_flight", TagSet(), 3)
        store.setGauge("in_flight", TagSet(), 8)
        store.add("ws_messages", TagSet(["machine": machine]), 2.5)
        return store
    }

    /// Results of a run around `store`.
    static func results(
        _ store: MetricsStore, verdicts: [ThresholdVerdict] = [], stop: StopReason = .completed,
        scenario: String = "ci-smoke", elapsed: Double = 10
    ) -> RunResults {
        RunResults(
            scenario: scenario, file: "scenarios/ci-smoke.yaml", seed: 42,
            startedAt: Date(timeIntervalSince1970: 1_764_130_920.123_456), plannedDuration: 10, elapsed: elapsed,
            stopReason: stop,
            loads: [LoadTally(name: "main", model: "open", planned: 1200, started: 1198, dropped: 2),
                    LoadTally(name: "loop", model: "closed", planned: nil, started: 40, dropped: 0)],
            store: store, verdicts: verdicts)
    }
}

/// Expects two stores to hold the same series with the same measurements. Trend sums (and so means) may differ by
/// `sumTolerance` (relative) because a restored trend rebuilds its sum from its histogram buckets.
func expectSameMeasurements(
    _ actual: MetricsStore, _ expected: MetricsStore, sumTolerance: Double = 1e-3, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(Set(actual.series.keys) == Set(expected.series.keys), sourceLocation: sourceLocation)
    for (key, value) in expected.series {
        switch (actual.series[key], value) {
        case (.trend(let mine)?, .trend(let theirs)):
            #expect(mine.count == theirs.count, "\(key)", sourceLocation: sourceLocation)
            #expect(mine.min == theirs.min && mine.max == theirs.max, "\(key)", sourceLocation: sourceLocation)
            #expect(buckets(mine) == buckets(theirs), "\(key)", sourceLocation: sourceLocation)
            #expect(abs(mine.sum - theirs.sum) <= sumTolerance * theirs.sum, "\(key)", sourceLocation: sourceLocation)
        case (let mine?, _):
            #expect(mine == value, "\(key)", sourceLocation: sourceLocation)
        case (nil, _):
            Issue.record("missing series \(key)", sourceLocation: sourceLocation)
        }
    }
}

/// A trend's non-empty histogram buckets as `[value, count]` pairs.
func buckets(_ trend: TrendValue) -> [[UInt64]] {
    trend.histogram.recordedValues().map { [$0.value, $0.count] }
}
