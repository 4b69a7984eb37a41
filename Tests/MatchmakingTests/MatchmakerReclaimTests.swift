import Matchmaker
import MatchmakingCore
import Prometheus
import RedisClient
import Testing

/// A matchmaker that dies between taking tickets for a match and assigning (or requeueing) them must not strand
/// them: after the allocation lease, housekeeping puts them back at the front of the queue, and they are matched
/// once.
@Suite(.timeLimit(.minutes(1)))
struct MatchmakerReclaimTests {
    @Test func ticketsLeftAllocatingByADeadMatchmakerAreMatchedAfterTheLease() async throws {
        try await withTestRedis { _, redis in
            let settings = MatchmakingSettings(maxMatchesPerCall: 2)
            let (registry, metrics) = testMetrics()
            let service = RedisTicketService(redis: redis, settings: settings, metrics: metrics)
            defer { service.shutdown() }
            let queue = MatchQueue(redis: redis, settings: settings)
            var stranded: [String] = []
            for index in 0..<20 { stranded.append(try await service.join(JoinRequest(players: ["p\(index)"])).id) }
            // The dead matchmaker: it took two matches' tickets and never assigned nor requeued them.
            let taken = try await queue.formMatches(region: "default")
            #expect(taken.count == 2 && Set(taken.flatMap(\.ticketIds)) == Set(stranded))
            var later: [String] = []
            for index in 20..<30 { later.append(try await service.join(JoinRequest(players: ["p\(index)"])).id) }
            #expect(try await queue.reclaim(lease: 60) == 0, "within the lease nothing is reclaimed")

            // A lease long enough that the live matchmaker's own allocations (milliseconds) never outlast it, even
            // on a loaded machine.
            let options = MatchmakerOptions(workers: 2, housekeepingInterval: .milliseconds(100), allocationLease: 1)
            try await Task.sleep(for: .milliseconds(1100))
            try await withMatchmaker(redis: redis, settings: settings, metrics: metrics, options: options) {
                #expect(await eventually { (try? await queue.stats()["matched"]) == 30 })
            }
            let tickets = try await allTickets(redis)
            let matches = checkMatches(tickets)
            #expect(matches.count == 3)
            // First in line: the reclaimed tickets make up two matches of their own, the later ones the third.
            for members in matches.values {
                let ids = Set(members.map(\.id))
                #expect(ids.isSubset(of: Set(stranded)) || ids == Set(later))
            }
            for match in taken { #expect(match.ticketIds.allSatisfy { tickets[$0]?.matchId != match.matchId }) }
            // The dead matchmaker coming back late changes nothing.
            #expect(try await queue.assign(taken[0], to: ServerAssignment(url: "ws://late/game", gameId: "late")) == 0)
            #expect(try await queue.requeue(taken) == 0)
            #expect(try await queue.stats()["reclaimed"] == 20)
            #expect(sample(registry, "matchmaking_tickets_reclaimed_total") == 20)
        }
    }

    @Test func reclaimedTicketsGoBackToTheFrontOfTheQueue() async throws {
        try await withTestRedis { _, redis in
            let settings = MatchmakingSettings(maxMatchesPerCall: 1)
            let (_, metrics) = testMetrics()
            let service = RedisTicketService(redis: redis, settings: settings, metrics: metrics)
            defer { service.shutdown() }
            let queue = MatchQueue(redis: redis, settings: settings)
            var first: [String] = []
            for index in 0..<10 { first.append(try await service.join(JoinRequest(players: ["p\(index)"])).id) }
            _ = try await queue.formMatches(region: "default")
            var waiting: [String] = []
            for index in 10..<15 { waiting.append(try await service.join(JoinRequest(players: ["p\(index)"])).id) }
            try await Task.sleep(for: .milliseconds(600))
            #expect(try await queue.reclaim(lease: 0.5) == 10)
            let order = try await redis.send(["LRANGE", settings.keyPrefix + "q:default", "0", "-1"]).array?.compactMap(\.string)
            #expect(order.map { Set($0.prefix(10)) } == Set(first))
            #expect(order.map { Array($0.suffix(5)) } == waiting)
            let tickets = try await allTickets(redis)
            #expect(first.allSatisfy { tickets[$0]?.status == .searching && tickets[$0]?.matchId == nil })
        }
    }

    @Test func aLiveAllocationWithinTheLeaseIsLeftAlone() async throws {
        try await withTestRedis { _, redis in
            let settings = MatchmakingSettings()
            let (_, metrics) = testMetrics()
            let service = RedisTicketService(redis: redis, settings: settings, metrics: metrics)
            defer { service.shutdown() }
            let queue = MatchQueue(redis: redis, settings: settings)
            for index in 0..<10 { _ = try await service.join(JoinRequest(players: ["p\(index)"])) }
            let match = try #require(try await queue.formMatches(region: "default").first)
            #expect(try await queue.reclaim(lease: 30) == 0)
            #expect(try await queue.assign(match, to: ServerAssignment(url: "ws://game/1", gameId: "1")) == 10)
            // Assigned tickets leave the lease set: a later reclaim, however short its lease, finds nothing.
            #expect(try await queue.reclaim(lease: 0) == 0)
            #expect(try await redis.send(["ZCARD", settings.keyPrefix + "allocating"]).int == 0)
        }
    }
}
