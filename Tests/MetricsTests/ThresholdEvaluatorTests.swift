import StampedeMetrics
import StampedeModel
import StampedePluginAPI
import Testing

@Suite("Threshold evaluation")
struct ThresholdEvaluatorTests {
    /// One row: a threshold with one criterion, and what it must measure.
    struct Row: CustomTestStringConvertible, Sendable {
        var metric: String
        var tags: KeyValuePairs<String, String>
        var aggregation: Aggregation
        var comparison: Comparison
        var bound: Double
        var expected: Double?
        var unit: VerdictUnit
        var passed: Bool
        var reason: String?

        var testDescription: String { "\(metric)\(tags.map { "{\($0.key):\($0.value)}" }.joined()) \(aggregation) \(comparison.rawValue) \(bound)" }
    }

    static func row(
        _ metric: String, _ aggregation: Aggregation, _ comparison: Comparison, _ bound: Double, is expected: Double?,
        _ unit: VerdictUnit, passed: Bool, reason: String? = nil
    ) -> Row {
        row(metric, [:], aggregation, comparison, bound, is: expected, unit, passed: passed, reason: reason)
    }

    static func row(
        _ metric: String, _ tags: KeyValuePairs<String, String>, _ aggregation: Aggregation, _ comparison: Comparison,
        _ bound: Double, is expected: Double?, _ unit: VerdictUnit, passed: Bool, reason: String? = nil
    ) -> Row {
        Row(metric: metric, tags: tags, aggregation: aggregation, comparison: comparison, bound: bound, expected: expected,
            unit: unit, passed: passed, reason: reason)
    }

    /// The kinds of the metrics the rows use, as the CLI passes them from the metric catalogue.
    static let kinds: [String: MetricKind] = [
        "latency": .trend, "service_time": .trend, "iteration_duration": .trend, "requests": .counter, "bytes_in": .counter,
        "iterations": .counter, "dropped_iterations": .counter, "errors": .rate, "players_online": .gauge,
    ]

    // Small run: game.login ok 10…100 ms (×10) and 3 timeouts of 5 s; game.play ok 200 ms (×5); elapsed 10 s.
    static let rows: [Row] = [
        // Trends, outcome:ok by default.
        row("latency", .avg, .less, 0.2, is: (0.55 + 1.0) / 15, .seconds, passed: true),
        row("latency", ["action": "game.login"], .avg, .less, 0.05, is: 0.055, .seconds, passed: false),
        row("latency", ["action": "game.login"], .min, .equal, 0.01, is: 0.01, .seconds, passed: true),
        row("latency", ["action": "game.login"], .max, .lessOrEqual, 0.1, is: 0.1, .seconds, passed: true),
        row("latency", ["action": "game.login"], .med, .less, 0.06, is: 0.05, .seconds, passed: true),
        row("latency", ["action": "game.login"], .percentile(90), .less, 0.09, is: 0.09, .seconds, passed: false),
        row("latency", ["action": "game.login"], .percentile(99.9), .greater, 0.09, is: 0.1, .seconds, passed: true),
        row("latency", ["action": "game.login"], .count, .equal, 10, is: 10, .count, passed: true),
        row("latency", ["target": "game"], .count, .equal, 15, is: 15, .count, passed: true),
        row("service_time", ["action": "game.play"], .max, .less, 0.2, is: 0.18, .seconds, passed: true),
        // Naming status opts out of the ok-only default.
        row("latency", ["action": "game.login", "outcome": "error"], .count, .equal, 3, is: 3, .count, passed: true),
        row("latency", ["outcome": "error"], .avg, .greaterOrEqual, 5, is: 5, .seconds, passed: true),
        row("iteration_duration", .max, .less, 10, is: 12.5, .seconds, passed: false),
        // Counters.
        row("requests", .count, .equal, 18, is: 18, .count, passed: true),
        row("requests", .rate, .greaterOrEqual, 2, is: 1.8, .perSecond, passed: false),
        row("requests", ["action": "game.play"], .count, .less, 6, is: 5, .count, passed: true),
        row("bytes_in", ["action": "game.login"], .count, .equal, 1300, is: 1300, .count, passed: true),
        row("iterations", .rate, .equal, 0.4, is: 0.4, .perSecond, passed: true),
        // Rates: error samples carry error_kind, success samples do not; filters merge both.
        row("errors", .rate, .less, 0.1, is: 3.0 / 18, .fraction, passed: false),
        row("errors", ["action": "game.login"], .rate, .less, 0.25, is: 3.0 / 13, .fraction, passed: true),
        row("errors", ["action": "game.play"], .rate, .equal, 0, is: 0, .fraction, passed: true),
        row("errors", .count, .equal, 3, is: 3, .count, passed: true),
        row("errors", ["error_kind": "timeout"], .rate, .equal, 1, is: 1, .fraction, passed: true),
        // Gauges.
        row("players_online", .value, .equal, 7, is: 7, .count, passed: true),
        row("players_online", .min, .equal, 5, is: 5, .count, passed: true),
        row("players_online", .max, .less, 10, is: 10, .count, passed: false),
        // No data fails, except count, which is 0.
        row("latency", ["action": "game.nope"], .percentile(95), .less, 1, is: nil, .seconds, passed: false, reason: "no data"),
        row("latency", ["action": "game.nope"], .count, .equal, 0, is: 0, .count, passed: true),
        row("latency", ["action": "game.nope"], .count, .greater, 0, is: 0, .count, passed: false),
        row("dropped_iterations", .count, .less, 1, is: 0, .count, passed: true),
        row("errors", ["action": "game.nope"], .rate, .less, 0.01, is: nil, .fraction, passed: false, reason: "no data"),
        row("players_online", ["load": "main"], .max, .less, 100, is: nil, .count, passed: false, reason: "no data"),
        // An aggregation that does not fit the kind fails with a reason.
        row("latency", .value, .less, 1, is: nil, .count, passed: false, reason: "'value' does not apply to a trend"),
    ]

    @Test("every aggregation of every kind", arguments: rows)
    func evaluates(_ row: Row) throws {
        let spec = Fixtures.spec(row.metric, row.tags, [(row.aggregation, row.comparison, row.bound)])
        let verdicts = ThresholdEvaluator.evaluate([spec], store: Fixtures.smallRun(), elapsed: 10, kinds: Self.kinds)
        let verdict = try #require(verdicts.first)
        #expect(verdicts.count == 1)
        #expect(verdict.key == spec.key)
        #expect(verdict.criterion == spec.criteria[0].source)
        #expect(verdict.passed == row.passed)
        #expect(verdict.unit == row.unit)
        #expect(verdict.reason == row.reason)
        #expect(verdict.bound == row.bound && verdict.comparison == row.comparison.rawValue)
        if let expected = row.expected {
            let value = try #require(verdict.value)
            // Percentiles come from the histogram: within 0.1 %.
            #expect(abs(value - expected) <= max(1e-12, expected * 1e-3), "measured \(value), expected \(expected)")
        } else {
            #expect(verdict.value == nil)
        }
    }

    @Test("a run whose actions all failed has no latency data")
    func allFailedHasNoLatency() {
        var store = MetricsStore()
        for _ in 0..<5 { Fixtures.recordAction(&store, "game.login", latency: 0.01, errorKind: "connect") }
        let verdicts = ThresholdEvaluator.evaluate(
            [Fixtures.spec("latency", [(.percentile(95), .less, 1), (.count, .equal, 0)]),
             Fixtures.spec("service_time", [(.avg, .less, 1)])],
            store: store, elapsed: 1)
        #expect(verdicts.map(\.passed) == [false, true, false])
        #expect(verdicts.map(\.reason) == ["no data", nil, "no data"])
    }

    @Test("one verdict per criterion, in order, with the spec's key and abort settings")
    func verdictPerCriterion() {
        let specs = [
            Fixtures.spec("latency", ["action": "game.login", "load": "main"],
                          [(.percentile(95), .less, 0.2), (.max, .less, 0.05)], abortOnFail: true, delay: 30),
            Fixtures.spec("errors", [(.rate, .less, 0.5)]),
        ]
        let verdicts = ThresholdEvaluator.evaluate(specs, store: Fixtures.smallRun(), elapsed: 10)
        #expect(verdicts.map(\.key) == ["latency{action:game.login,load:main}", "latency{action:game.login,load:main}", "errors"])
        #expect(verdicts.map(\.criterion) == ["p(95) < 0.2", "max < 0.05", "rate < 0.5"])
        #expect(verdicts.map(\.passed) == [true, false, true])
        #expect(verdicts.map(\.abortOnFail) == [true, true, false])
        #expect(verdicts.map(\.delayAbortEval) == [30, 30, nil])
        #expect(verdicts[1].name == "latency{action:game.login,load:main}: max < 0.05")
    }

    @Test("known kinds label verdicts over no data")
    func kindsLabelNoData() {
        let spec = Fixtures.spec("ws_messages", [(.rate, .greater, 1)])
        let guessed = ThresholdEvaluator.evaluate([spec], store: MetricsStore(), elapsed: 5)
        let told = ThresholdEvaluator.evaluate([spec], store: MetricsStore(), elapsed: 5, kinds: ["ws_messages": .counter])
        #expect(guessed.first?.unit == .fraction)
        #expect(told.first?.unit == .perSecond)
        #expect(told.first?.reason == "no data")
    }

    @Test("a counter's rate before any time has elapsed has no value")
    func counterRateAtZero() {
        let verdict = ThresholdEvaluator.evaluate([Fixtures.spec("requests", [(.rate, .greater, 0)])], store: Fixtures.smallRun(), elapsed: 0)
        #expect(verdict.first?.value == nil)
        #expect(verdict.first?.passed == false)
    }

    @Test("outcome:ok is added only for latency and service_time, and only when outcome is not named")
    func okFilter() {
        #expect(ThresholdEvaluator.filters(of: Fixtures.spec("latency", [(.avg, .less, 1)])).map(\.key) == ["outcome"])
        #expect(ThresholdEvaluator.filters(of: Fixtures.spec("service_time", ["action": "a.b"], [(.avg, .less, 1)])).map(\.value) == ["a.b", "ok"])
        #expect(ThresholdEvaluator.filters(of: Fixtures.spec("latency", ["outcome": "error"], [(.avg, .less, 1)])).map(\.value) == ["error"])
        #expect(ThresholdEvaluator.filters(of: Fixtures.spec("errors", [(.rate, .less, 1)])).isEmpty)
        #expect(ThresholdEvaluator.rules.count == 8)
    }

    @Test("abort: only abortOnFail criteria that failed on data, once their delay has passed")
    func abort() {
        let specs = [
            Fixtures.spec("latency", ["action": "game.nope"], [(.percentile(95), .less, 1)], abortOnFail: true),
            Fixtures.spec("errors", [(.rate, .less, 0.5)], abortOnFail: true),
            Fixtures.spec("requests", [(.count, .greater, 100)]),
            Fixtures.spec("latency", ["action": "game.login"], [(.max, .less, 0.05)], abortOnFail: true, delay: 30),
            Fixtures.spec("errors", [(.rate, .less, 0.1)], abortOnFail: true, delay: 60),
        ]
        let verdicts = ThresholdEvaluator.evaluate(specs, store: Fixtures.smallRun(), elapsed: 10)
        #expect(verdicts.map(\.passed) == [false, true, false, false, false])
        #expect(ThresholdEvaluator.shouldAbort(verdicts, elapsed: 10) == nil)
        #expect(ThresholdEvaluator.shouldAbort(verdicts, elapsed: 29.9) == nil)
        #expect(ThresholdEvaluator.shouldAbort(verdicts, elapsed: 30)?.criterion == "max < 0.05")
        #expect(ThresholdEvaluator.shouldAbort(Array(verdicts.suffix(1)), elapsed: 59) == nil)
        #expect(ThresholdEvaluator.shouldAbort(Array(verdicts.suffix(1)), elapsed: 60)?.key == "errors")
    }
}
