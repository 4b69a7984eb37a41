import Matchmaker
import MatchmakingCore
import RedisClient
import Testing

/// An idle matchmaker backs off: its loops poll less and less often, up to `idleSleepMax`, and the first tickets
/// after a quiet spell are still matched.
@Suite(.timeLimit(.minutes(1)))
struct MatchmakerIdleTests {
    @Test func anIdleLoopBacksOffAndStillMatchesWhatComesNext() async throws {
        try await withTestRedis { _, redis in
            let settings = MatchmakingSettings()
            let (_, metrics) = testMetrics()
            let service = RedisTicketService(redis: redis, settings: settings, metrics: metrics)
            defer { service.shutdown() }
            // One ticket waits (its region is polled), too few for a match.
            _ = try await service.join(JoinRequest(players: ["p0"]))
            let options = MatchmakerOptions(
                workers: 1, idleSleep: .milliseconds(10), idleSleepMax: .milliseconds(100), housekeepingInterval: .seconds(2)
            )
            try await withMatchmaker(redis: redis, settings: settings, metrics: metrics, options: options) {
                try await Task.sleep(for: .milliseconds(300))
                _ = try await redis.send(["CONFIG", "RESETSTAT"])
                try await Task.sleep(for: .seconds(1))
                // Sleeping 10 ms after every empty round, the loop would poll about 80 to 100 times in that second.
                let polls = try await scriptCalls(redis)
                #expect(polls <= 15, "an idle loop polled \(polls) times in one second")
                for index in 1..<10 { _ = try await service.join(JoinRequest(players: ["p\(index)"])) }
                #expect(await eventually { (try? await MatchQueue(redis: redis, settings: settings).stats()["matched"]) == 10 })
            }
        }
    }

    /// EVALSHA calls since the last `CONFIG RESETSTAT`.
    private func scriptCalls(_ redis: RedisClient) async throws -> Int {
        let info = try await redis.send(["INFO", "commandstats"]).string ?? ""
        guard let line = info.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("cmdstat_evalsha:") }),
              let calls = line.split(separator: ",").first?.split(separator: "=").last else { return 0 }
        return Int(calls) ?? 0
    }
}
