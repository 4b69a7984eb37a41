import Matchmaker
import MatchmakingCore
import Prometheus
import RedisClient
import Synchronization
import Testing

/// Many workers and tickets at once: nothing lost, nothing matched twice, cancels never lose to workers.
@Suite(.timeLimit(.minutes(1)))
struct MatchmakerScaleTests {
    @Test func eightWorkersMatchTwentyThousandTicketsExactlyOnce() async throws {
        try await withTestRedis(poolSize: 8) { _, redis in
            let (registry, metrics) = testMetrics()
            let settings = MatchmakingSettings()
            let service = RedisTicketService(redis: redis, settings: settings, metrics: metrics)
            defer { service.shutdown() }
            let count = 20_000
            try await withMatchmaker(
                redis: redis, settings: settings, metrics: metrics,
                options: MatchmakerOptions(workers: 8, housekeepingInterval: .milliseconds(200))
            ) {
                let requests = (0..<count).map { JoinRequest(players: ["player-\($0)"]) }
                let joined = try await joinAll(service, requests)
                #expect(joined.count == count)
                let done = await eventually(timeout: .seconds(15)) {
                    (try? await MatchQueue(redis: redis, settings: settings).stats()["matched"]) == count
                }
                #expect(done)
            }
            let tickets = try await allTickets(redis)
            #expect(tickets.count == count)
            #expect(tickets.values.allSatisfy { $0.status == .matched })
            let matches = checkMatches(tickets)
            #expect(matches.count == count / 10)
            #expect(sample(registry, "matchmaking_tickets_matched_total") == Double(count))
            #expect(sample(registry, "matchmaking_matches_created_total") == Double(count / 10))
            #expect(sample(registry, "matchmaking_tickets_created_total") == Double(count))
            let leftovers = try await redis.send(["LLEN", "mm:q:default"])
            let claimed = try await redis.send(["KEYS", "mm:p:*"])
            #expect(leftovers == .integer(0) && claimed.array?.isEmpty == true)
        }
    }

    @Test func cancelsRacingWorkersEitherCancelOrLoseToAMatch() async throws {
        try await withTestRedis(poolSize: 8) { _, redis in
            let settings = MatchmakingSettings()
            let service = RedisTicketService(redis: redis, settings: settings, metrics: testMetrics().1)
            defer { service.shutdown() }
            let count = 4000
            let cancelled = IdSet()
            let refused = IdSet()
            try await withMatchmaker(redis: redis, settings: settings, options: MatchmakerOptions(workers: 4)) {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<count {
                        group.addTask {
                            let ticket = try await service.join(JoinRequest(players: ["p\(index)"]))
                            guard index % 2 == 0 else { return }
                            if index % 4 == 0 { await Task.yield() }
                            do {
                                let result = try await service.cancel(ticket.id, by: "p\(index)")
                                #expect(result.status == .cancelled)
                                cancelled.insert(ticket.id)
                            } catch MatchmakingError.notCancellable(_, let status) {
                                #expect(status == .searching || status == .matched)
                                refused.insert(ticket.id)
                            }
                        }
                        if index % 200 == 199 { try await group.waitForAll() }
                    }
                    try await group.waitForAll()
                }
                try await Task.sleep(for: .milliseconds(300))
            }
            let tickets = try await allTickets(redis)
            let cancelledIds = cancelled.all
            let refusedIds = refused.all
            #expect(cancelledIds.count + refusedIds.count == count / 2)
            #expect(!cancelledIds.isEmpty)
            for id in cancelledIds {
                #expect(tickets[id]?.status == .cancelled && tickets[id]?.matchId == nil)
            }
            for id in refusedIds {
                #expect(tickets[id]?.status == .matched)
            }
            checkMatches(tickets)
            let searching = tickets.values.filter { $0.status == .searching }
            #expect(searching.count < 10, "only a partial match may be left waiting")
            // No match record names a cancelled player.
            let cancelledPlayers = Set(cancelledIds.compactMap { tickets[$0]?.players.first })
            for matchId in Set(tickets.values.compactMap(\.matchId)) {
                let players = try await redis.send(["HGET", "mm:match:" + matchId, "players"]).string ?? ""
                #expect(cancelledPlayers.isDisjoint(with: players.split(separator: ",").map(String.init)))
            }
        }
    }
}

/// Ticket ids collected from concurrent tasks.
final class IdSet: Sendable {
    private let ids = Mutex<Set<String>>([])

    func insert(_ id: String) {
        ids.withLock { _ = $0.insert(id) }
    }

    var all: Set<String> { ids.withLock { $0 } }
}
