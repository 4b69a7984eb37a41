import StampedeEngine
import StampedeMetrics
import Testing

@Suite("The engine stops gracefully and keeps what it measured", .serialized)
struct EngineStopTests {
    private let yaml = """
        name: long
        duration: 30s
        targets:
          api: { adapter: "null" }
        behaviours:
          b:
            states:
              a: { action: api.ok, with: { delay: 200ms } }
        load:
          l: { model: open, rate: 50/s }
        """

    @Test("a graceful stop starts no new work, lets in-flight work finish, and keeps every measurement")
    func gracefulStop() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await EngineHarness.run(yaml) { engine in
            try? await Task.sleep(for: .seconds(1))
            engine.stop.request(.graceful, reason: .interrupted(signal: 2))
        }
        #expect(clock.now - start < .seconds(3))
        #expect(result.stopReason == .interrupted(signal: 2))
        let started = result.loads.first?.started ?? 0
        #expect(started >= 40 && started <= 60)
        #expect(EngineHarness.counter(result.store, "requests") == Double(started), "every started run finished and was measured")
        #expect(EngineHarness.counter(result.store, "interrupted_actions") == 0)
    }

    @Test("an abort stops at once; finished actions are kept, cut ones are counted as interrupted")
    func abort() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await EngineHarness.run(yaml) { engine in
            try? await Task.sleep(for: .seconds(1))
            engine.stop.request(.abort, reason: .interrupted(signal: 2))
        }
        #expect(clock.now - start < .milliseconds(1800))
        let requests = EngineHarness.counter(result.store, "requests")
        let interrupted = EngineHarness.counter(result.store, "interrupted_actions")
        #expect(requests >= 30)
        #expect(interrupted >= 1)
        #expect(requests + interrupted == Double(result.loads.first?.started ?? 0))
    }

    @Test("the grace period bounds how long in-flight work may take after the end")
    func gracePeriod() async throws {
        var options = EngineOptions()
        options.gracePeriod = 0.5
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await EngineHarness.run("""
            name: slow
            duration: 1s
            targets:
              api: { adapter: "null" }
            behaviours:
              b:
                states:
                  a: { action: api.ok, with: { delay: 10s } }
            load:
              l: { model: open, rate: 5/s }
            """, options: options)
        #expect(clock.now - start < .seconds(3))
        #expect(result.stopReason == .completed)
        #expect(EngineHarness.counter(result.store, "interrupted_actions") == 5)
    }
}
