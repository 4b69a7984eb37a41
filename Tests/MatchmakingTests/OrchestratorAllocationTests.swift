import AsyncHTTPClient
import Foundation
import GameOrchestrator
import Testing

/// The orchestrator's HTTP API over real game server processes: allocation, the cap, bad requests.
@Suite(.timeLimit(.minutes(1)))
struct OrchestratorAllocationTests {
    @Test func allocationStartsAServerReachableThroughItsRouteAndRecordsTheEndInRedis() async throws {
        let settings = OrchestratorSettings(joinTimeout: .seconds(1))
        try await OrchestratorTestServer.run(settings: settings) { server in
            let reply = try await server.allocate("match-1", players: ["alice", "bob"])
            #expect(reply.status == 201, "\(reply.text)")
            #expect(reply.string("url") == "ws://127.0.0.1:\(server.port)/game/match-1/connect")
            #expect(reply.string("gameId") == "match-1")
            let route = try #require(server.orchestrator.table.route(for: "match-1"))
            #expect(route.players == ["alice", "bob"])
            #expect(route.upstreamPort != server.port)
            let health = try await server.http.get(url: "http://\(route.upstreamHost):\(route.upstreamPort)/health").get()
            #expect(health.status == .ok)
            let running = try await server.send(.GET, "/matches/match-1")
            #expect(running.string("state") == "running")
            #expect(server.metric("game_orchestrator_ongoing_matches") == 1)
            #expect(server.metric(#"orchestrator_game_servers{state="running"}"#) == 1)

            // Nobody joins: the server abandons the match after its join timeout and exits with a result.
            let ended = await server.waitForState("match-1", "ended")
            guard case .ended(let result) = ended?.state else { Issue.record("not ended: \(String(describing: ended))"); return }
            #expect(result.reason == .abandoned)
            #expect(server.orchestrator.table.route(for: "match-1") == nil)
            #expect(await eventually { server.metric(#"orchestrator_game_servers_reaped_total{outcome="ended"}"#) == 1 })
            #expect(try await eventually { try await server.redis.send(["HGET", "mm:match:match-1", "status"]).string == "ended" })
            #expect(try await server.redis.send(["HGET", "mm:match:match-1", "reason"]).string == "abandoned")
            #expect(try await server.redis.send(["TTL", "mm:match:match-1"]).int ?? -1 > 0)
            let document = try await server.send(.GET, "/matches/match-1")
            #expect(document.string("state") == "ended")
            #expect(document.string("reason") == "abandoned")
            #expect(server.metric("game_orchestrator_ongoing_matches") == 0)
            #expect(server.orchestrator.liveServers == 0)
        }
    }

    @Test func aFullOrchestratorMakesAllocationsWaitThenRefusesThemWithCapacity() async throws {
        let settings = OrchestratorSettings(maxServers: 2, allocationWait: .milliseconds(800))
        try await OrchestratorTestServer.run(settings: settings) { server in
            #expect(try await server.allocate("a").status == 201)
            #expect(try await server.allocate("b").status == 201)
            let start = ContinuousClock.now
            let refused = try await server.allocate("c")
            let waited = ContinuousClock.now - start
            #expect(refused.status == 503)
            #expect(refused.string("error") == "capacity")
            #expect(waited >= .milliseconds(750), "answered after \(waited)")
            #expect(server.metric("orchestrator_allocation_waits_total") == 1)
            #expect(server.metric(#"orchestrator_allocation_failures_total{reason="capacity"}"#) == 1)
            // The refused match left no trace: the matchmaker may retry it under the same id.
            #expect(try await server.send(.GET, "/matches/c").status == 404)
            #expect(server.orchestrator.liveServers == 2)
        }
    }

    @Test func aWaitingAllocationGetsTheSlotFreedDuringItsWait() async throws {
        let settings = OrchestratorSettings(maxServers: 2, allocationWait: .seconds(5))
        try await OrchestratorTestServer.run(settings: settings) { server in
            #expect(try await server.allocate("a").status == 201)
            #expect(try await server.allocate("b").status == 201)
            async let third = server.allocate("c")
            try await Task.sleep(for: .milliseconds(300))
            let deleted = try await server.send(.DELETE, "/matches/a")
            #expect(deleted.status == 200)
            #expect(deleted.string("state") == "ended")
            #expect(deleted.string("reason") == "terminated")
            let reply = try await third
            #expect(reply.status == 201, "\(reply.text)")
            #expect(server.metric("orchestrator_allocation_waits_total") == 1)
            #expect(server.metric(#"orchestrator_allocation_failures_total{reason="capacity"}"#) == 0)
            #expect(try await eventually { try await server.redis.send(["HGET", "mm:match:a", "reason"]).string == "terminated" })
        }
    }

    @Test(arguments: [
        (#"{"matchId":"x","players":["a"],"#, 400, "malformed JSON"),
        (#"{"matchId":"x"}"#, 400, "missing field 'players'"),
        (#"{"matchId":"x","players":"a"}"#, 400, "field 'players' has the wrong type"),
        (#"{"matchId":"x y","players":["a"]}"#, 400, "invalid allocation"),
        (#"{"matchId":"x","players":[]}"#, 400, "invalid allocation"),
        (#"{"matchId":"x","players":["a,b"]}"#, 400, "invalid allocation"),
    ])
    func badAllocationsAreRefusedWithAJSONError(body: String, status: Int, error: String) async throws {
        try await OrchestratorTestServer.run { server in
            let reply = try await server.send(.POST, "/allocations", body: body)
            #expect(reply.status == status, "\(reply.text)")
            #expect(reply.isJSONError)
            #expect(reply.string("error") == error)
            #expect(reply.string("hint") != nil)
            #expect(server.orchestrator.liveServers == 0)
        }
    }

    @Test func knownMatchesConflictAndUnknownOnesAreNotFound() async throws {
        try await OrchestratorTestServer.run { server in
            #expect(try await server.allocate("m").status == 201)
            let again = try await server.allocate("m")
            #expect(again.status == 409)
            #expect(again.string("matchId") == "m")
            #expect(try await server.send(.GET, "/matches/nope").status == 404)
            #expect(try await server.send(.DELETE, "/matches/nope").status == 404)
            #expect(try await server.send(.GET, "/nowhere").status == 404)
        }
    }

    @Test func aServerThatCannotStartFailsTheAllocationWith502() async throws {
        let backend = ProcessBackend(executablePath: "/bin/false", readinessTimeout: .seconds(3))
        try await OrchestratorTestServer.run(backend: backend) { server in
            let reply = try await server.allocate("doomed")
            #expect(reply.status == 502, "\(reply.text)")
            #expect(reply.string("error") == "provisioning failed")
            #expect(server.metric(#"orchestrator_allocation_failures_total{reason="provisioning"}"#) == 1)
            #expect(server.orchestrator.liveServers == 0)
            #expect(try await server.send(.GET, "/matches/doomed").status == 404)
        }
    }
}
