import Foundation
import StampedeAdapters
import StampedeDSL
import StampedeEngine
import StampedeMetrics
import StampedeModel
import StampedePlan
import Testing

@Suite("http through the engine: coordinated omission", .serialized)
struct HTTPStallThroughEngineTests {
    @Test("a server stalling for a second while the cap holds arrivals back shows the stall in p99")
    func stallShowsInP99() async throws {
        try await HTTPTestServer.run { server in
            let now = Date().timeIntervalSince1970
            // The run starts within a few milliseconds; the server stalls from 1 s to 2 s into it.
            let from = Int((now + 1) * 1000), until = Int((now + 2) * 1000)
            let yaml = """
                name: stall
                duration: 3s
                targets:
                  web: { adapter: http, config: { base_url: "\(server.baseURL)", pool_size: 64 } }
                behaviours:
                  b:
                    states:
                      call: { action: web.get, with: { path: /stall/\(from)/\(until) } }
                load:
                  l: { model: open, rate: 100/s, max_in_flight: 20 }
                """
            let registry = try BuiltinAdapters.registry()
            let scenario = try #require(ScenarioValidator(registry: registry).validate(text: yaml).scenario)
            let engine = try Engine(plan: PlanCompiler.compile(scenario), registry: registry)
            let result = try await engine.run()
            guard case .trend(let latency) = result.store.merged("latency", matching: [TagFilter(key: "outcome", value: "ok",
                location: SourceLocation(file: "t", line: 1, column: 1))]) else {
                Issue.record("no latency")
                return
            }
            let byStatus = result.store.merged("latency", matching: [TagFilter(key: "status", value: "200",
                location: SourceLocation(file: "t", line: 1, column: 1))])
            #expect(byStatus != nil, "the adapter's status tag stays on latency beside the engine's outcome tag")
            let tally = try #require(result.loads.first)
            #expect(tally.dropped > 50, "the cap held arrivals back during the stall: \(tally.dropped) dropped")
            #expect(tally.started + tally.dropped == 300)
            #expect(latency.percentile(99) > 0.7, "p99 \(latency.percentile(99)) s shows the stall")
            #expect(latency.percentile(50) < 0.1, "most requests were not stalled")
        }
    }
}
