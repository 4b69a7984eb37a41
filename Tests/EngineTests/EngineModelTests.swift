import StampedeEngine
import StampedeMetrics
import Testing

@Suite("The engine runs every load model", .serialized)
struct EngineModelTests {
    private let target = """
        targets:
          api: { adapter: "null" }
        """

    @Test("open model: every planned arrival starts on time and is measured")
    func openModel() async throws {
        let result = try await EngineHarness.run("""
            name: open
            duration: 2s
            \(target)
            behaviours:
              b:
                states:
                  a: { action: api.ok }
            load:
              l: { model: open, rate: 100/s }
            """)
        #expect(result.loads.first?.planned == 200)
        #expect(result.loads.first?.started == 200)
        #expect(result.loads.first?.dropped == 0)
        #expect(EngineHarness.counter(result.store, "requests") == 200)
        #expect(EngineHarness.counter(result.store, "iterations") == 200)
        let lag = try #require(EngineHarness.trend(result.store, "schedule_lag"))
        #expect(lag.count == 200)
        #expect(lag.percentile(50) < 0.05, "median schedule lag \(lag.percentile(50)) s")
    }

    @Test("open model: arrivals beyond max_in_flight are dropped and counted, never delayed")
    func dropsAreCounted() async throws {
        let result = try await EngineHarness.run("""
            name: drops
            duration: 2s
            \(target)
            behaviours:
              b:
                states:
                  a: { action: api.ok, with: { delay: 1s } }
            load:
              l: { model: open, rate: 50/s, max_in_flight: 10 }
            """, options: quickGrace)
        let tally = try #require(result.loads.first)
        #expect(tally.planned == 100)
        #expect(tally.started + tally.dropped == 100)
        #expect(tally.started >= 15 && tally.started <= 25, "about 10 per second of 1-second actions: \(tally.started)")
        #expect(EngineHarness.counter(result.store, "dropped_iterations") == Double(tally.dropped))
        let lag = try #require(EngineHarness.trend(result.store, "schedule_lag"))
        #expect(lag.percentile(90) < 0.1, "started arrivals were not held back: p90 lag \(lag.percentile(90)) s")
    }

    @Test("closed model: players loop their behaviour for the whole duration")
    func closedModel() async throws {
        let result = try await EngineHarness.run("""
            name: closed
            duration: 2s
            \(target)
            behaviours:
              b:
                states:
                  a: { action: api.ok, with: { delay: 100ms } }
            load:
              l: { model: closed, players: 5 }
            """)
        let iterations = EngineHarness.counter(result.store, "iterations")
        #expect(iterations >= 80 && iterations <= 110, "5 players × 2 s / 100 ms ≈ 100, got \(iterations)")
        #expect(result.loads.first?.started == 5)
    }

    @Test("population model: players join, log in, then start activities at their per-player rate")
    func populationModel() async throws {
        let result = try await EngineHarness.run("""
            name: population
            duration: 3s
            seed: 11
            \(target)
            behaviours:
              p:
                start: login
                activities:
                  play: { every: 1s, start: play }
                states:
                  login: { action: api.ok }
                  play: { action: api.ok }
            load:
              l: { model: population, players: 20 }
            """)
        let logins = EngineHarness.counter(result.store, "requests", ["state": "login"])
        let plays = EngineHarness.counter(result.store, "requests", ["state": "play"])
        let tally = try #require(result.loads.first)
        #expect(logins == 20)
        #expect(tally.planned == 80, "20 joins + 20 players × 3 s × 1/s")
        #expect(plays + Double(tally.dropped) == 60, "every activity ran or was counted as dropped")
        #expect(plays >= 50)
    }

    @Test("several load models run side by side in one run")
    func severalModels() async throws {
        let result = try await EngineHarness.run("""
            name: mixed
            duration: 1s
            \(target)
            behaviours:
              b:
                activities:
                  again: { every: 1s, start: a }
                states:
                  a: { action: api.ok }
            load:
              arrivals: { model: open, rate: 30/s }
              loopers: { model: closed, players: 2 }
              online: { model: population, players: 3 }
            """)
        #expect(EngineHarness.counter(result.store, "requests", ["load": "arrivals"]) == 30)
        #expect(EngineHarness.counter(result.store, "requests", ["load": "loopers"]) > 30)
        #expect(EngineHarness.counter(result.store, "requests", ["load": "online"]) >= 3)
    }

    private var quickGrace: EngineOptions {
        var options = EngineOptions()
        options.gracePeriod = 2
        return options
    }
}
