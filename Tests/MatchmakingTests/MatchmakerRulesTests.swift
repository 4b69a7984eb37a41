import Matchmaker
import MatchmakingCore
import Prometheus
import RedisClient
import Testing

/// How matches are formed: requeue on failed allocation, skill windows, parties, regions, metrics.
@Suite(.timeLimit(.minutes(1)))
struct MatchmakerRulesTests {
    @Test func failedAllocationsRequeueAtTheFrontInOrder() async throws {
        try await withTestRedis { _, redis in
            let settings = MatchmakingSettings(maxMatchesPerCall: 3)
            let (registry, metrics) = testMetrics()
            let service = RedisTicketService(redis: redis, settings: settings, metrics: metrics)
            defer { service.shutdown() }
            var ids: [String] = []
            for index in 0..<30 {
                ids.append(try await service.join(JoinRequest(players: ["p\(index)"])).id)
            }
            let allocator = FlakyAllocator(failures: 2, redis: redis, settings: settings)
            try await withMatchmaker(redis: redis, settings: settings, allocator: allocator, metrics: metrics) {
                #expect(await eventually { (try? await MatchQueue(redis: redis, settings: settings).stats()["matched"]) == 30 })
            }
            let tickets = try await allTickets(redis)
            // Queue order survives the requeue: tickets 0-9, 10-19, 20-29 are each one match.
            for group in 0..<3 {
                let matchIds = Set(ids[(group * 10)..<(group * 10 + 10)].map { tickets[$0]?.matchId })
                #expect(matchIds.count == 1 && matchIds.first! != nil)
            }
            let refused = allocator.refused.withLock { $0 }
            #expect(refused.count == 2)
            for match in refused { #expect(tickets[match.ticketIds[0]]?.matchId != match.matchId) }
            #expect(sample(registry, "matchmaking_allocation_failures_total") == 2)
            let stats = try await MatchQueue(redis: redis, settings: settings).stats()
            #expect(stats["requeued"] == 20 && stats["matches"] == 3)
            // Refused and assigned matches alike ended their allocation lease.
            #expect(try await redis.send(["ZCARD", settings.keyPrefix + "allocating"]).int == 0)
            #expect(try await redis.send(["KEYS", settings.keyPrefix + "a:*"]).array?.isEmpty == true)
        }
    }

    @Test func theSkillWindowWidensWithWaitingTime() async throws {
        try await withTestRedis { _, redis in
            let settings = MatchmakingSettings(
                teamSize: 1, mode: .skill,
                // Wide enough in time that the three first joins land before the window opens, even on a busy machine.
                skillWindows: SkillWindowSchedule([.init(after: 0, width: 50), .init(after: 1.5, width: nil)])
            )
            let service = RedisTicketService(redis: redis, settings: settings, metrics: testMetrics().1)
            defer { service.shutdown() }
            let (registry, metrics) = testMetrics()
            try await withMatchmaker(redis: redis, settings: settings, metrics: metrics) {
                let low = try await service.join(JoinRequest(players: ["low"], mmr: 1000))
                let high = try await service.join(JoinRequest(players: ["high"], mmr: 1600))
                let near = try await service.join(JoinRequest(players: ["near"], mmr: 1630))
                let nearMatched = try await service.awaitResolution(of: near.id, timeout: 2)
                #expect(nearMatched.status == .matched)
                let highNow = try await service.ticket(high.id)
                #expect(highNow.status == .matched && highNow.matchId == nearMatched.matchId)
                try await Task.sleep(for: .milliseconds(150))
                let far = try await service.join(JoinRequest(players: ["far"], mmr: 1900))
                let early = try await service.ticket(low.id)
                #expect(early.status == .searching, "1000 and 1900 are outside ±50")
                let late = try await service.awaitResolution(of: low.id, timeout: 6)
                #expect(late.status == .matched)
                #expect((late.resolvedAt ?? 0) - late.createdAt >= 1.5)
                let farNow = try await service.ticket(far.id)
                #expect(farNow.matchId == late.matchId)
            }
            #expect(sample(registry, "matchmaking_match_skill_spread_count") == 2)
            #expect(sample(registry, "matchmaking_match_skill_spread_sum") == 930)
        }
    }

    @Test(arguments: [MatchmakingMode.fifo, .skill])
    func partiesStayTogetherOnOneTeam(mode: MatchmakingMode) async throws {
        try await withTestRedis { _, redis in
            let settings = MatchmakingSettings(mode: mode, skillWindows: SkillWindowSchedule([.init(after: 0, width: nil)]))
            let service = RedisTicketService(redis: redis, settings: settings, metrics: testMetrics().1)
            defer { service.shutdown() }
            var generator = SystemRandomNumberGenerator()
            // 60 teams' worth of players, each team split into random parties, shuffled: a perfect packing exists.
            var requests: [JoinRequest] = []
            var player = 0
            for _ in 0..<60 {
                var left = 5
                while left > 0 {
                    let size = Int.random(in: 1...left, using: &generator)
                    let mmr = Int.random(in: 1000...2000, using: &generator)
                    requests.append(JoinRequest(players: (0..<size).map { "p\(player + $0)" }, mmr: mmr))
                    player += size
                    left -= size
                }
            }
            requests.shuffle(using: &generator)
            _ = try await joinAll(service, requests)
            // Most players get matched (greedy packing may strand a few): wait for 20 matches of the 30 possible, however
            // loaded the machine, then stop the matchmaker and check every match formed.
            try await withMatchmaker(redis: redis, settings: settings) {
                #expect(await eventually { (try? await MatchQueue(redis: redis, settings: settings).stats()["matches"] ?? 0) ?? 0 >= 20 })
            }
            let tickets = try await allTickets(redis)
            let matches = checkMatches(tickets)
            #expect(matches.count >= 20, "most players matched (\(matches.count) matches of 30; greedy packing may strand a few)")
            for matchId in matches.keys {
                let record = try await redis.send(["HMGET", "mm:match:" + matchId, "team1", "team2"])
                let teams = (record.array ?? []).map { Set(($0.string ?? "").split(separator: ",").map(String.init)) }
                #expect(teams.count == 2 && teams.allSatisfy { $0.count == 5 })
                for ticket in matches[matchId] ?? [] {
                    #expect(teams.contains { Set(ticket.players).isSubset(of: $0) }, "party \(ticket.players) split")
                }
            }
        }
    }

    @Test func regionsAreSeparatePools() async throws {
        try await withTestRedis { _, redis in
            let settings = MatchmakingSettings(regions: ["eu", "na"])
            let (registry, metrics) = testMetrics()
            let service = RedisTicketService(redis: redis, settings: settings, metrics: metrics)
            defer { service.shutdown() }
            let requests = (0..<105).map { JoinRequest(players: ["p\($0)"], region: $0 % 3 == 0 ? "na" : "eu") }
            _ = try await joinAll(service, requests)
            try await withMatchmaker(redis: redis, settings: settings, metrics: metrics) {
                #expect(await eventually { sample(registry, #"matchmaking_queue_size{region="na"}"#) == 5 })
            }
            let tickets = try await allTickets(redis)
            let matches = checkMatches(tickets)
            #expect(matches.count == 10)
            #expect(sample(registry, #"matchmaking_queue_size{region="eu"}"#) == 0)
            #expect(tickets.values.filter { $0.status == .searching }.allSatisfy { $0.region == "na" })
            #expect(sample(registry, #"matchmaking_tickets_total{outcome="matched"}"#) == 100)
            #expect(sample(registry, #"matchmaking_queue_time_seconds_count{outcome="matched"}"#) == 100)
        }
    }
}
