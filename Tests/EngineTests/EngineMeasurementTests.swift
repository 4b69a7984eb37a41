import StampedeEngine
import StampedeMetrics
import StampedePlan
import Testing

@Suite("The engine measures truthfully", .serialized)
struct EngineMeasurementTests {
    @Test("latency is measured from the intended start: a one-second stall shows in p99, service time does not hide it")
    func coordinatedOmission() async throws {
        let result = try await EngineHarness.run("""
            name: stall
            duration: 3s
            targets:
              server: { adapter: stall, config: { stall_from: 1s, stall_until: 2s } }
            behaviours:
              b:
                states:
                  a: { action: server.call }
            load:
              l: { model: open, rate: 100/s }
            """)
        let latency = try #require(EngineHarness.trend(result.store, "latency", ["outcome": "ok"]))
        #expect(latency.count == 300)
        #expect(latency.percentile(99) > 0.8, "p99 \(latency.percentile(99)) s must show the stall")
        #expect(latency.percentile(50) < 0.05, "half the requests were not stalled")
        #expect(latency.max > 0.9 && latency.max < 1.3)
    }

    @Test("a closed-loop player measures each action from when it would have started")
    func closedLoopLatency() async throws {
        let result = try await EngineHarness.run("""
            name: closed-stall
            duration: 3s
            targets:
              server: { adapter: stall, config: { stall_from: 1s, stall_until: 2s } }
            behaviours:
              b:
                states:
                  a: { action: server.call, think: 10ms }
            load:
              l: { model: closed, players: 1 }
            """)
        let latency = try #require(EngineHarness.trend(result.store, "latency", ["outcome": "ok"]))
        #expect(latency.max > 0.9, "the stalled action took about a second")
    }

    @Test("errors are counted by kind and kept out of successful latency")
    func errors() async throws {
        let result = try await EngineHarness.run("""
            name: errors
            duration: 1s
            targets:
              api: { adapter: "null" }
            behaviours:
              b:
                states:
                  a: { action: api.fail, with: { kind: boom }, next: c }
                  c: { action: api.ok }
            load:
              l: { model: open, rate: 20/s }
            """)
        #expect(EngineHarness.counter(result.store, "requests") == 40)
        guard case let .rate(trues, total) = result.store.merged("errors") else { Issue.record("no errors series"); return }
        #expect(trues == 20 && total == 40)
        guard case let .rate(kinds, _) = result.store.merged("errors", matching: EngineHarness.tagFilters(["error_kind": "boom"])) else {
            Issue.record("no error_kind series"); return
        }
        #expect(kinds == 20)
        #expect(EngineHarness.trend(result.store, "latency", ["outcome": "ok"])?.count == 20)
        #expect(result.errors.first?.kind == "boom")
    }

    @Test("on_error sends a run elsewhere when its action fails, and only then")
    func onError() async throws {
        let result = try await EngineHarness.run("""
            name: on-error
            duration: 1s
            targets:
              api: { adapter: "null" }
            behaviours:
              b:
                states:
                  join: { action: api.flaky, with: { error_rate: 50% }, tags: { step: join }, next: play, on_error: sorry }
                  play: { action: api.ok, tags: { step: play } }
                  sorry: { action: api.ok, tags: { step: sorry } }
            load:
              l: { model: open, rate: 40/s }
            """)
        guard case let .rate(failures, joins) = result.store.merged("errors", matching: EngineHarness.tagFilters(["step": "join"])) else {
            Issue.record("no errors series for join"); return
        }
        #expect(joins == 40)
        #expect(failures > 5 && failures < 35, "about half of 40 joins fail: \(failures)")
        #expect(EngineHarness.counter(result.store, "requests", ["step": "play"]) == Double(joins - failures))
        #expect(EngineHarness.counter(result.store, "requests", ["step": "sorry"]) == Double(failures))
    }

    @Test("captured values and feeder-free templates flow into later actions' parameters")
    func capturesAndTemplates() async throws {
        _ = try await EngineHarness.run("""
            name: captures
            duration: 1s
            targets:
              api: { adapter: "null" }
              rec: { adapter: record }
            behaviours:
              b:
                states:
                  login:
                    action: api.ok
                    with: { returns: { token: "t-{{ player.id }}" } }
                    capture: { token: token }
                    next: use
                  use:
                    action: rec.record
                    with: { key: captures-test, value: "{{ session.token }}/{{ player.id }}/{{ player.iteration }}" }
            load:
              l: { model: open, rate: 10/s }
            """)
        let values = RecordAdapter.kept.withLock { $0["captures-test"] ?? [] }
        #expect(values.count == 10)
        for value in values {
            let parts = value.split(separator: "/").map(String.init)
            #expect(parts.count == 3 && parts[0] == "t-\(parts[1])" && parts[2] == "0", "rendered \(value)")
        }
    }

    @Test("the same seed gives the same sequence of behaviour choices and transitions")
    func determinism() async throws {
        let yaml = """
            name: seeded
            duration: 1s
            targets:
              api: { adapter: "null" }
            behaviours:
              x:
                weight: 2
                states:
                  a: { action: api.ok, next: { a: 0.5, end: 0.5 } }
              y:
                states:
                  b: { action: api.ok, next: { b: 0.3, end: 0.7 } }
            load:
              l: { model: open, rate: 200/s }
            """
        let first = try await EngineHarness.run(yaml, seed: 5)
        let second = try await EngineHarness.run(yaml, seed: 5)
        let other = try await EngineHarness.run(yaml, seed: 6)
        let counts = { (result: EngineResult) in
            [EngineHarness.counter(result.store, "requests", ["state": "a"]), EngineHarness.counter(result.store, "requests", ["state": "b"])]
        }
        #expect(counts(first) == counts(second))
        #expect(counts(first) != counts(other))
    }
}
