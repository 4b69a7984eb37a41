import Foundation
import GameOrchestrator
import GameServer
import HummingbirdWSClient
import NIOWebSocket
import Testing

/// The orchestrator's WebSocket proxy, against a real game server and real sessions in Redis.
@Suite(.timeLimit(.minutes(1)))
struct ProxyTests {
    @Test("players of the match play through the proxy: joined as their verified id, inputs acked, states and the end relayed")
    func playThroughTheProxy() async throws {
        let settings = GameServerSettings(matchId: "m1", expectedPlayers: ["ada", "bob"], tickRate: 20, matchDuration: .milliseconds(1500))
        try await ProxyTestRig.run { rig in
            try await GameServerHarness.run(settings) { server in
                rig.directory.add("m1", players: ["ada", "bob"], port: server.port)
                let ada = ProxyTestClient.connect(port: rig.port, matchId: "m1", token: try await rig.login("ada"))
                // A join claiming another player is dropped: the proxy joined ada itself, so bob's place stays free.
                ada.send(#"{"type":"join","player":"bob"}"#)
                for seq in 1...3 { ada.input(seq) }
                #expect(await ada.wait { $0.acks.count == 3 })
                let bob = ProxyTestClient.connect(port: rig.port, matchId: "m1", token: try await rig.login("bob"), inQuery: true)
                bob.input(7)
                #expect(await bob.wait { $0.acks == [7] }, "bob joins through the proxy with ?token=")
                #expect(rig.proxy.connectionCount == 2)

                let adaLog = await ada.finish()
                let bobLog = await bob.finish()
                #expect(adaLog.acks == [1, 2, 3])
                #expect(adaLog.states.count >= 5)
                #expect(adaLog.states.last?.players.map { Set($0.keys) } == ["ada", "bob"])
                #expect(adaLog.end?.reason == "completed" && bobLog.end?.reason == "completed")
                #expect(adaLog.closeCode == .normalClosure && bobLog.closeCode == .normalClosure)
                #expect(adaLog.error == nil, "\(adaLog.error ?? "")")
                let result = try #require(await server.result())
                #expect(result.reason == .completed)
                #expect(result.players == ["ada", "bob"])
            }
            #expect(await eventually(timeout: .seconds(3)) { rig.proxy.connectionCount == 0 })
            #expect(rig.metric(#"orchestrator_proxy_connections_total{outcome="admitted"}"#) == 2)
            #expect(rig.metric("orchestrator_proxy_connections") == 0)
            #expect((rig.metric(#"orchestrator_proxy_bytes_total{direction="client_to_server"}"#) ?? 0) > 100)
            #expect((rig.metric(#"orchestrator_proxy_bytes_total{direction="server_to_client"}"#) ?? 0) > 500)
        }
    }

    @Test("refused upgrades get their HTTP status: no or bad token 401, unknown match 404, a player of another match 403")
    func refusals() async throws {
        try await ProxyTestRig.run { rig in
            rig.directory.add("m1", players: ["ada", "bob"], port: 9)
            rig.directory.add("m2", players: ["carol"], port: 9)
            let ada = try await rig.login("ada")
            let expired = try await rig.login("ada", expiresIn: -5)
            #expect(try await rig.upgradeStatus("/game/m1/connect") == 401)
            #expect(try await rig.upgradeStatus("/game/m1/connect", bearer: String(repeating: "ab", count: 16)) == 401)
            #expect(try await rig.upgradeStatus("/game/m1/connect", bearer: "not-a-token") == 401)
            #expect(try await rig.upgradeStatus("/game/m1/connect", bearer: expired) == 401)
            #expect(try await rig.upgradeStatus("/game/m1/connect?token=\(expired)") == 401)
            #expect(try await rig.upgradeStatus("/game/nope/connect", bearer: ada) == 404)
            #expect(try await rig.upgradeStatus("/game/m2/connect", bearer: ada) == 403)
            #expect(try await rig.upgradeStatus("/game/m2/connect?token=\(ada)") == 403)

            let intruder = ProxyTestClient.connect(port: rig.port, matchId: "m2", token: ada)
            let log = await intruder.finish()
            #expect(log.error != nil && log.messages.isEmpty, "a player of another match is not let in")
            #expect(rig.metric(#"orchestrator_proxy_connections_total{outcome="unauthorized"}"#) == 5)
            #expect(rig.metric(#"orchestrator_proxy_connections_total{outcome="unknown_match"}"#) == 1)
            #expect(rig.metric(#"orchestrator_proxy_connections_total{outcome="forbidden"}"#) == 3)
            #expect(rig.metric(#"orchestrator_proxy_connections_total{outcome="admitted"}"#) == 0)
        }
    }

    @Test("a game server killed mid-match: its players get end/failed and a 1011 close at once")
    func upstreamKilled() async throws {
        try await ProxyTestRig.run { rig in
            let server = try await ProxyGameServerProcess.start(matchId: "m1", players: ["ada"])
            defer { server.kill() }
            rig.directory.add("m1", players: ["ada"], port: server.port)
            let ada = ProxyTestClient.connect(port: rig.port, matchId: "m1", token: try await rig.login("ada"))
            ada.input(1)
            #expect(await ada.wait { $0.acks == [1] })
            let killed = ContinuousClock.now
            server.kill()
            let log = await ada.finish(upTo: .seconds(3))
            #expect(ContinuousClock.now - killed < .seconds(2))
            #expect(log.end?.reason == "failed", "\(log.messages.map(\.type))")
            #expect(log.end?.detail?.isEmpty == false)
            #expect(log.closeCode == .unexpectedServerError)
            #expect(await eventually(timeout: .seconds(3)) { rig.proxy.connectionCount == 0 })
        }
    }

    @Test("a frozen game server (no handshake answer): the player gets end/failed after the connect timeout, nothing leaks")
    func upstreamFrozen() async throws {
        try await ProxyTestRig.run(upstreamConnectTimeout: .milliseconds(500)) { rig in
            let server = try await ProxyGameServerProcess.start(matchId: "m1", players: ["ada"])
            defer { server.kill() }
            server.freeze()
            rig.directory.add("m1", players: ["ada"], port: server.port)
            let started = ContinuousClock.now
            let ada = ProxyTestClient.connect(port: rig.port, matchId: "m1", token: try await rig.login("ada"))
            let log = await ada.finish(upTo: .seconds(3))
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(log.end?.reason == "failed" && log.end?.detail == "the game server did not answer")
            #expect(log.closeCode == .unexpectedServerError)
            #expect(await eventually(timeout: .seconds(4)) { rig.proxy.connectionCount == 0 })
        }
    }

    @Test("failMatch tells every connected player of that match (end/failed with the reason, 1011), not others")
    func failMatch() async throws {
        let one = GameServerSettings(matchId: "m1", expectedPlayers: ["ada", "bob"], matchDuration: .seconds(20))
        let two = GameServerSettings(matchId: "m2", expectedPlayers: ["carol"], matchDuration: .seconds(20))
        try await ProxyTestRig.run { rig in
            try await GameServerHarness.run(one) { first in
                try await GameServerHarness.run(two) { second in
                    rig.directory.add("m1", players: ["ada", "bob"], port: first.port)
                    rig.directory.add("m2", players: ["carol"], port: second.port)
                    let clients = [
                        ProxyTestClient.connect(port: rig.port, matchId: "m1", token: try await rig.login("ada")),
                        ProxyTestClient.connect(port: rig.port, matchId: "m1", token: try await rig.login("bob")),
                    ]
                    let carol = ProxyTestClient.connect(port: rig.port, matchId: "m2", token: try await rig.login("carol"))
                    for client in clients + [carol] {
                        client.input(1)
                        #expect(await client.wait { $0.acks == [1] })
                    }
                    let asked = ContinuousClock.now
                    await rig.proxy.failMatch("m1", reason: "game server exited with status 137")
                    for client in clients {
                        #expect(await client.wait(upTo: .seconds(1)) { $0.ended })
                        let log = client.seen
                        #expect(log.end?.reason == "failed")
                        #expect(log.end?.detail == "game server exited with status 137")
                        #expect(log.closeCode == .unexpectedServerError)
                    }
                    #expect(ContinuousClock.now - asked < .seconds(1))
                    carol.input(2)
                    #expect(await carol.wait { $0.acks == [1, 2] }, "another match's players go on")
                    #expect(!carol.seen.ended)
                    let result = try #require(await first.result())
                    #expect(result.reason == .abandoned, "the proxy left the failed match's server")
                    carol.leave()
                    #expect(await carol.finish().closeCode == .normalClosure)
                }
            }
            #expect(await eventually(timeout: .seconds(3)) { rig.proxy.connectionCount == 0 })
        }
    }

    @Test("a player leaving closes its upstream connection: the game server sees it leave")
    func leavingClosesUpstream() async throws {
        let settings = GameServerSettings(matchId: "m1", expectedPlayers: ["ada"], matchDuration: .seconds(20))
        try await ProxyTestRig.run { rig in
            try await GameServerHarness.run(settings) { server in
                rig.directory.add("m1", players: ["ada"], port: server.port)
                let ada = ProxyTestClient.connect(port: rig.port, matchId: "m1", token: try await rig.login("ada"))
                ada.input(1)
                #expect(await ada.wait { $0.acks == [1] })
                ada.leave()
                let log = await ada.finish()
                #expect(log.end == nil && log.error == nil)
                let result = try #require(await server.result(upTo: .seconds(3)))
                #expect(result.reason == .abandoned)
                #expect(await eventually(timeout: .seconds(3)) { rig.proxy.connectionCount == 0 })
            }
        }
    }
}
