import StampedeMetrics
import StampedeReports
import Testing

@Suite("Run summary and progress")
struct RunSummaryTests {
    @Test("per action figures come from the series")
    func actionStats() throws {
        let stats = ActionStats.compute(Fixtures.smallRun(), elapsed: 10)
        #expect(stats.map(\.action) == ["game.login", "game.play"])
        let login = stats[0]
        #expect(login.requests == 13 && login.perSecond == 1.3 && login.errors == 3)
        #expect(login.errorRate == 3.0 / 13)
        let latency = try #require(login.latency)
        #expect(abs(latency.p50 - 0.05) < 0.05e-3 && abs(latency.p90 - 0.09) < 0.09e-3 && latency.max == 0.1)
        #expect(stats[1].errorRate == 0 && stats[1].latency?.max == 0.2)
    }

    @Test("the summary holds the action table, verdicts, loads and the stop reason")
    func summary() {
        let store = Fixtures.smallRun()
        let specs = [Fixtures.spec("latency", ["action": "game.login"], [(.percentile(95), .less, 0.2)]),
                     Fixtures.spec("errors", [(.rate, .less, 0.01)]),
                     Fixtures.spec("service_time", ["action": "game.nope"], [(.avg, .less, 1)])]
        let verdicts = ThresholdEvaluator.evaluate(specs, store: store, elapsed: 10)
        let text = RunSummary.text(Fixtures.results(store, verdicts: verdicts, stop: .aborted(threshold: "errors: rate < 0.01")))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "ci-smoke — aborted: threshold errors: rate < 0.01 failed after 10s of 10s planned, seed 42")
        let header = lines.first { $0.contains("action") && $0.contains("p99") }
        #expect(header?.split(separator: " ") == ["action", "count", "rate/s", "errors", "p50", "p90", "p95", "p99", "max"])
        let login = lines.first { $0.hasPrefix("  game.login") }?.split(separator: " ")
        #expect(login == ["game.login", "13", "1.3", "23.1%", "50ms", "90ms", "100ms", "100ms", "100ms"])
        let play = lines.first { $0.hasPrefix("  game.play") }?.split(separator: " ")
        #expect(play == ["game.play", "5", "0.5", "0%", "200ms", "200ms", "200ms", "200ms", "200ms"])
        #expect(lines.contains("  ✓ latency{action:game.login}: p(95) < 0.2 — 100ms"))
        #expect(lines.contains("  ✗ errors: rate < 0.01 — 16.7%"))
        #expect(lines.contains("  ✗ service_time{action:game.nope}: avg < 1 — no data"))
        #expect(lines.first { $0.hasPrefix("  main") }?.split(separator: " ") == ["main", "open", "1,200", "1,198", "99.8%", "2"])
        #expect(lines.first { $0.hasPrefix("  loop") }?.split(separator: " ") == ["loop", "closed", "–", "40", "–", "0"])
        #expect(lines.last == "Result: aborted: threshold errors: rate < 0.01 failed; 2 of 3 thresholds failed (exit 99)")
    }

    @Test("the adapters' metrics are summed over their tags; the engine's own stay in their sections")
    func adapterMetrics() {
        var store = Fixtures.smallRun()
        for seconds in [0.5, 1.5, 2.5, 3.5] { store.recordTrend("time_to_match", TagSet(["action": "game.join"]), seconds: seconds) }
        store.add("matches_played", TagSet(["end_reason": "completed"]), 8)
        store.add("matches_played", TagSet(["end_reason": "failed"]), 2)
        store.recordRate("checks", TagSet(), true)
        store.recordRate("checks", TagSet(), false)
        let lines = RunSummary.text(Fixtures.results(store, stop: .completed)).split(separator: "\n").map(String.init)
        let header = lines.firstIndex { $0.hasPrefix("Metrics") }
        #expect(header != nil)
        let row = { (name: String) in lines.first { $0.hasPrefix("  \(name) ") }?.split(separator: " ").map(String.init) }
        #expect(row("matches_played") == ["matches_played", "10", "–", "–", "–", "–", "1/s"])
        #expect(row("time_to_match")?.prefix(2) == ["time_to_match", "4"])
        #expect(row("time_to_match")?.last == "–")
        #expect(row("checks") == ["checks", "2", "–", "–", "–", "–", "50%"])
        #expect(row("iterations") == nil && row("players_online") == nil, "the engine's metrics are not repeated")
    }

    @Test("a run without actions says so")
    func empty() {
        let text = RunSummary.text(Fixtures.results(MetricsStore(), stop: .failed(message: "no adapter")))
        #expect(text.contains("Actions: none performed"))
        #expect(text.hasSuffix("Result: failed: no adapter; no thresholds (exit 1)\n"))
    }

    @Test("measured values print in their unit", arguments: [
        (0.000_85, VerdictUnit.seconds, "850µs"), (0.012_345, .seconds, "12.3ms"), (1.234, .seconds, "1.23s"),
        (125, .seconds, "2m5s"), (0, .seconds, "0ms"), (0.0025, .fraction, "0.25%"), (1, .fraction, "100%"),
        (1234, .count, "1,234"), (98.5, .perSecond, "98.5/s"),
    ])
    func measureText(value: Double, unit: VerdictUnit, text: String) {
        #expect(MeasureText.value(value, unit) == text)
    }

    static let snapshot = ProgressSnapshot(
        elapsed: 42.7, total: 60, plannedRate: 100, achievedRate: 98.5, playersOnline: 1234, inFlight: 12, errors: 17,
        requests: 5678, p95: 0.0123)

    @Test("progress on a terminal is one compact line")
    func progressTTY() {
        let line = ProgressLine.render(Self.snapshot, tty: true)
        #expect(line == "42s/1m  71%  98.5/100/s  players 1,234  in flight 12  requests 5,678  errors 0.299%  p95 12.3ms\u{1B}[K")
        #expect(!line.contains("\n") && !line.contains("\r"))
        var early = Self.snapshot
        early.p95 = nil
        early.requests = 0
        #expect(ProgressLine.render(early, tty: true).contains("errors 0%  p95 –"))
    }

    @Test("progress in a log is a key=value line")
    func progressLog() {
        #expect(ProgressLine.render(Self.snapshot, tty: false)
                == "progress elapsed=42.7 total=60 rate=98.5 planned_rate=100 players=1234 in_flight=12 requests=5678 errors=17 p95_ms=12.3")
        var early = Self.snapshot
        early.p95 = nil
        #expect(!ProgressLine.render(early, tty: false).contains("p95"))
    }
}
