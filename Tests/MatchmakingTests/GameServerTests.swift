import Foundation
import GameServer
import Testing

/// The game server: joining, ticks, acknowledgements, and how matches end.
@Suite(.timeLimit(.minutes(1)))
struct GameServerTests {
    @Test("two players receive state ticks and an ack per input; when both leave, the match is abandoned")
    func ticksAndAcks() async throws {
        let settings = GameServerSettings(matchId: "m1", expectedPlayers: ["alice", "bob"], matchDuration: .seconds(10))
        let (logs, result) = try await GameServerHarness.run(settings) { server in
            async let alice = GameTestClient.play(
                port: server.port, matchId: "m1", player: "alice", inputs: 3, leaveAfter: .milliseconds(500)
            )
            async let bob = GameTestClient.play(
                port: server.port, matchId: "m1", player: "bob", inputs: 2, leaveAfter: .milliseconds(500)
            )
            let logs = try await [alice, bob]
            return (logs, await server.result())
        }
        #expect(logs[0].acks == [1, 2, 3])
        #expect(logs[1].acks == [1, 2])
        for log in logs {
            #expect(log.states.count >= 3, "32 Hz for 0.5 s gives about 16 ticks (loose: the machine may be busy)")
            let ticks = log.states.compactMap(\.tick)
            #expect(ticks == ticks.sorted() && Set(ticks).count == ticks.count)
            #expect(log.endReason == nil)
        }
        let last = try #require(logs[0].states.last?.players)
        #expect(Set(last.keys) == ["alice", "bob"])
        #expect(last["alice"]?.x == 4.5 && last["alice"]?.y == -3)
        #expect(last["bob"]?.x == 3 && last["bob"]?.y == -2)
        #expect(result?.reason == .abandoned)
        #expect(Set(result?.players ?? []) == ["alice", "bob"])
        #expect((result?.ticks ?? 0) >= 5)
    }

    @Test("a connection naming an unexpected player is closed with a policy violation and never joins")
    func unexpectedPlayer() async throws {
        let settings = GameServerSettings(
            matchId: "m2", expectedPlayers: ["alice"], matchDuration: .seconds(10), joinTimeout: .milliseconds(600)
        )
        let (log, result) = try await GameServerHarness.run(settings) { server in
            let log = try await GameTestClient.play(port: server.port, matchId: "m2", player: "mallory", inputs: 1)
            return (log, await server.result())
        }
        #expect(log.closeCode == "\(WebSocketCloseCodeName.policyViolation)")
        #expect(log.closeReason?.contains("mallory") == true)
        #expect(log.messages.isEmpty)
        #expect(result?.reason == .abandoned)
        #expect(result?.players == [])
    }

    @Test("after its duration the match completes: every client receives end, and ticks are counted")
    func completes() async throws {
        let settings = GameServerSettings(matchId: "m3", expectedPlayers: ["a", "b"], matchDuration: .seconds(1))
        let (logs, result, telemetry) = try await GameServerHarness.run(settings) { server in
            async let a = GameTestClient.play(port: server.port, matchId: "m3", player: "a", inputs: 1)
            async let b = GameTestClient.play(port: server.port, matchId: "m3", player: "b")
            let logs = try await [a, b]
            return (logs, await server.result(), server.telemetry)
        }
        let metrics = String(decoding: telemetry.exposition(), as: UTF8.self)
        for log in logs {
            #expect(log.endReason == "completed")
            #expect(log.messages.last?.type == "end")
            #expect(log.closeCode == "\(WebSocketCloseCodeName.normalClosure)")
        }
        let match = try #require(result)
        #expect(match.reason == .completed)
        #expect(match.ticks >= 8 && match.ticks <= 40, "about 32 ticks in 1 s (loose: the machine may be busy)")
        #expect(match.durationSeconds >= 1 && match.durationSeconds < 6)
        #expect(metrics.contains("game_server_ticks_total \(match.ticks)"))
        #expect(metrics.contains(#"game_server_messages_total{direction="in"} 1"#))
        #expect(metrics.contains("game_server_players_connected 0"))
    }

    @Test("the match starts once every player joined: an early player waits, and a slower one still plays it whole")
    func startsWhenEveryoneJoined() async throws {
        let settings = GameServerSettings(
            matchId: "m6", expectedPlayers: ["early", "late"], matchDuration: .seconds(1), joinTimeout: .seconds(20)
        )
        let clock = ContinuousClock()
        let start = clock.now
        let (logs, result) = try await GameServerHarness.run(settings) { server in
            async let early = GameTestClient.play(port: server.port, matchId: "m6", player: "early")
            async let late: GameClientLog = {
                try await Task.sleep(for: .milliseconds(1_200))  // longer than the match itself
                return try await GameTestClient.play(port: server.port, matchId: "m6", player: "late")
            }()
            return (try await [early, late], await server.result())
        }
        for log in logs {
            #expect(log.endReason == "completed", "the late player plays the whole match too")
            #expect(log.states.count >= 3)
        }
        #expect(clock.now - start >= .milliseconds(2_200), "1.2 s of waiting for the late player, then the 1 s match")
        let match = try #require(result)
        #expect(match.reason == .completed)
        // From the first join it would be about 2.2 s (the 1.2 s wait, then the match).
        #expect(match.durationSeconds >= 1 && match.durationSeconds < 2, "counted from the start, not from the first join")
    }

    @Test("after the join timeout the match starts with the players who came")
    func startsWithoutLatecomers() async throws {
        let settings = GameServerSettings(
            matchId: "m7", expectedPlayers: ["here", "absent"], matchDuration: .milliseconds(500), joinTimeout: .milliseconds(500)
        )
        let clock = ContinuousClock()
        let start = clock.now
        let (log, result) = try await GameServerHarness.run(settings) { server in
            (try await GameTestClient.play(port: server.port, matchId: "m7", player: "here"), await server.result())
        }
        #expect(log.endReason == "completed")
        #expect(log.states.count >= 3)
        #expect(result?.players == ["here"])
        #expect(clock.now - start >= .milliseconds(1_000), "the 0.5 s join timeout passed before the 0.5 s match")
        #expect((result?.durationSeconds ?? 0) >= 0.5)
    }

    @Test("nobody joining within the join timeout abandons the match")
    func joinTimeout() async throws {
        let settings = GameServerSettings(matchId: "m4", expectedPlayers: ["a"], joinTimeout: .milliseconds(300))
        let start = ContinuousClock.now
        let result = try await GameServerHarness.run(settings) { await $0.result() }
        #expect(result?.reason == .abandoned)
        #expect(result?.ticks == 0)
        // Well before the default 30 s join timeout (a loose bound: the machine may be busy).
        #expect(ContinuousClock.now - start < .seconds(15))
    }

    @Test("stopping the server ends the match as terminated and tells the connected players")
    func terminated() async throws {
        let settings = GameServerSettings(matchId: "m5", expectedPlayers: ["a"], matchDuration: .seconds(10))
        let (log, result) = try await GameServerHarness.run(settings) { server in
            async let log = GameTestClient.play(port: server.port, matchId: "m5", player: "a")
            try await Task.sleep(for: .milliseconds(300))
            await server.stop()
            return (try await log, await server.result())
        }
        #expect(log.endReason == "terminated")
        #expect(log.states.count >= 1, "it was playing when the server stopped")
        #expect(result?.reason == .terminated)
        #expect(result?.players == ["a"])
    }
}

/// The printed names of the close codes the tests expect.
enum WebSocketCloseCodeName: String {
    /// 1000.
    case normalClosure
    /// 1008.
    case policyViolation
}
