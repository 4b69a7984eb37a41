import Foundation
import GameOrchestrator
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// How the orchestrator follows its game servers to their end: a killed server, a graceful shutdown.
@Suite(.timeLimit(.minutes(1)))
struct OrchestratorLifecycleTests {
    @Test func aGameServerKilledMidMatchFailsItsMatchAndIsReaped() async throws {
        let notifier = RecordingFailureNotifier()
        try await OrchestratorTestServer.run(notifier: notifier) { server in
            #expect(try await server.allocate("victim").status == 201)
            #expect(try await server.allocate("bystander").status == 201)
            let pid = try #require(server.gameServerPID("victim"))
            #expect(kill(pid, SIGKILL) == 0)

            let failed = await server.waitForState("victim", "failed")
            #expect(failed?.state == .failed(reason: "killed by signal 9"))
            #expect(server.orchestrator.table.route(for: "victim") == nil)
            #expect(await eventually { notifier.reported.map(\.matchId) == ["victim"] })
            #expect(notifier.reported.first?.reason == "killed by signal 9")
            #expect(try await eventually { try await server.redis.send(["HGET", "mm:match:victim", "status"]).string == "failed" })
            #expect(try await server.redis.send(["HGET", "mm:match:victim", "reason"]).string == "killed by signal 9")
            #expect(server.metric(#"orchestrator_game_servers_reaped_total{outcome="failed"}"#) == 1)
            #expect(!gameServerExists(pid), "the killed game server was not reaped")
            let document = try await server.send(.GET, "/matches/victim")
            #expect(document.string("state") == "failed")
            #expect(document.string("reason") == "killed by signal 9")
            // The other match is untouched.
            #expect(server.orchestrator.table.snapshot("bystander")?.state == .running)
            #expect(server.orchestrator.liveServers == 1)
        }
    }

    @Test func playersConnectedThroughTheProxyAreToldWhenTheirGameServerIsKilled() async throws {
        try await OrchestratorTestServer.run { server in
            let allocation = try await server.allocate("proxied", players: ["ann"])  // the match starts once all have joined
            #expect(allocation.status == 201)
            #expect(allocation.string("url") == "ws://127.0.0.1:\(server.port)/game/proxied/connect")
            let ann = ProxyTestClient.connect(port: server.port, matchId: "proxied", token: try await server.login("ann"))
            #expect(await ann.wait { $0.states.count >= 2 }, "no state through the proxy: \(ann.seen)")
            ann.input(7)
            #expect(await ann.wait { $0.acks.contains(7) })

            let pid = try #require(server.gameServerPID("proxied"))
            #expect(kill(pid, SIGKILL) == 0)
            let log = await ann.finish()
            #expect(log.end?.reason == "failed", "\(log)")
            // Whoever notices first tells the player: the orchestrator (having reaped the server) or the proxy (having
            // lost the server's connection without an end).
            let details = ["killed by signal 9", "the game server closed the connection without ending the match"]
            #expect(details.contains(log.end?.detail ?? ""), "\(log)")
            #expect(await server.waitForState("proxied", "failed")?.state == .failed(reason: "killed by signal 9"))
            #expect(try await eventually { try await server.redis.send(["HGET", "mm:match:proxied", "status"]).string == "failed" })
        }
    }

    @Test func gracefulShutdownTerminatesAndReapsEveryGameServer() async throws {
        try await OrchestratorTestServer.run { server in
            var pids: [Int32] = []
            for index in 0..<3 {
                #expect(try await server.allocate("m\(index)").status == 201)
                pids.append(try #require(server.gameServerPID("m\(index)")))
            }
            await server.stop()
            for pid in pids { #expect(!gameServerExists(pid), "game server \(pid) outlived the orchestrator") }
            #expect(server.orchestrator.liveServers == 0)
            for index in 0..<3 {
                #expect(server.orchestrator.table.snapshot("m\(index)")?.state.name == "ended")
                #expect(try await server.redis.send(["HGET", "mm:match:m\(index)", "reason"]).string == "terminated")
            }
            #expect(server.metric(#"orchestrator_game_servers_reaped_total{outcome="ended"}"#) == 3)
        }
    }
}

/// True while a process with this id exists (zombies included).
private func gameServerExists(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno != ESRCH
}
