import MatchmakingCore
import Prometheus
import RedisClient
import Testing

/// The Redis ticket service: join, cancel, one active ticket per player, timeouts, awaiting resolution.
@Suite(.timeLimit(.minutes(1)))
struct CoreTicketServiceTests {
    @Test func joinCreatesASearchingTicketReadableById() async throws {
        try await withTestRedis { _, redis in
            let (registry, metrics) = testMetrics()
            let service = RedisTicketService(redis: redis, metrics: metrics)
            defer { service.shutdown() }
            let ticket = try await service.join(JoinRequest(players: ["ada", "bob"], mmr: 1720, region: "eu"))
            #expect(ticket.id.count == 32 && ticket.id.allSatisfy(\.isHexDigit))
            let read = try await service.ticket(ticket.id)
            #expect(read.status == .searching && read.players == ["ada", "bob"] && read.mmr == 1720 && read.region == "eu")
            #expect(abs(read.createdAt - ticket.createdAt) < 0.001)
            #expect(sample(registry, "matchmaking_tickets_created_total") == 1)
            await #expect(throws: MatchmakingError.unknownTicket("nope")) { try await service.ticket("nope") }
        }
    }

    @Test func aPlayerHoldsOneActiveTicketAndMayQueueAgainOnceItResolves() async throws {
        try await withTestRedis { _, redis in
            let service = RedisTicketService(redis: redis, metrics: testMetrics().1)
            defer { service.shutdown() }
            let first = try await service.join(JoinRequest(players: ["ada", "bob"]))
            await #expect(throws: MatchmakingError.alreadyQueued(player: "bob", ticketId: first.id)) {
                try await service.join(JoinRequest(players: ["cy", "bob"]))
            }
            // The refused party claimed nobody: cy is free.
            let cy = try await service.join(JoinRequest(players: ["cy"]))
            #expect(cy.status == .searching)
            _ = try await service.cancel(first.id, by: "ada")
            let again = try await service.join(JoinRequest(players: ["bob"]))
            #expect(again.id != first.id)
        }
    }

    @Test func cancelIsForTheOwnerOfASearchingTicket() async throws {
        try await withTestRedis { _, redis in
            let (registry, metrics) = testMetrics()
            let service = RedisTicketService(redis: redis, metrics: metrics)
            defer { service.shutdown() }
            let ticket = try await service.join(JoinRequest(players: ["ada", "bob"]))
            await #expect(throws: MatchmakingError.notOwner(player: "bob", ticketId: ticket.id)) {
                try await service.cancel(ticket.id, by: "bob")
            }
            await #expect(throws: MatchmakingError.unknownTicket("missing")) { try await service.cancel("missing", by: "ada") }
            let cancelled = try await service.cancel(ticket.id, by: "ada")
            #expect(cancelled.status == .cancelled && cancelled.reason == "cancelled by owner" && cancelled.resolvedAt != nil)
            await #expect(throws: MatchmakingError.notCancellable(ticketId: ticket.id, status: .cancelled)) {
                try await service.cancel(ticket.id, by: "ada")
            }
            let queued = try await redis.send(["LLEN", "mm:q:default"])
            #expect(queued == .integer(0))
            #expect(sample(registry, #"matchmaking_tickets_total{outcome="cancelled"}"#) == 1)
            #expect(sample(registry, #"matchmaking_queue_time_seconds_count{outcome="cancelled"}"#) == 1)
        }
    }

    @Test func invalidRequestsAreRefused() async throws {
        try await withTestRedis { _, redis in
            let service = RedisTicketService(redis: redis, settings: MatchmakingSettings(teamSize: 2, regions: ["eu"]), metrics: testMetrics().1)
            defer { service.shutdown() }
            for request in [
                JoinRequest(players: [], region: "eu"), JoinRequest(players: ["a", "b", "c"], region: "eu"),
                JoinRequest(players: ["a", "a"], region: "eu"), JoinRequest(players: ["a"], region: "na"),
            ] {
                await #expect(throws: MatchmakingError.self) { try await service.join(request) }
            }
            let accepted = try await service.join(JoinRequest(players: ["a", "b"], region: "eu"))
            #expect(accepted.status == .searching)
        }
    }

    @Test func ticketsTimeOutServerSideWithAReason() async throws {
        try await withTestRedis { _, redis in
            let settings = MatchmakingSettings(ticketTimeout: 0.3)
            let (registry, metrics) = testMetrics()
            let service = RedisTicketService(redis: redis, settings: settings, metrics: metrics)
            defer { service.shutdown() }
            let ticket = try await service.join(JoinRequest(players: ["ada"]))
            try await withMatchmaker(redis: redis, settings: settings, metrics: metrics) {
                let clock = ContinuousClock()
                let start = clock.now
                let resolved = try await service.awaitResolution(of: ticket.id, timeout: 5)
                // Woken by the timed_out event (housekeeping runs every second), not by the end of its own wait.
                #expect(clock.now - start < .seconds(3))
                #expect(resolved.status == .timedOut)
                #expect(resolved.reason == "no match within 0.3s")
                #expect((resolved.resolvedAt ?? 0) - resolved.createdAt >= 0.3)
            }
            #expect(try await MatchQueue(redis: redis, settings: settings).stats()["timed_out"] == 1)
            let queued = try await redis.send(["LLEN", "mm:q:default"])
            let held = try await redis.send(["EXISTS", "mm:p:ada"])
            #expect(queued == .integer(0) && held == .integer(0))
            #expect(sample(registry, #"matchmaking_tickets_total{outcome="timed_out"}"#) == 1)
            #expect(sample(registry, #"matchmaking_queue_time_seconds_count{outcome="timed_out"}"#) == 1)
            let again = try await service.join(JoinRequest(players: ["ada"]))
            #expect(again.status == .searching)
        }
    }

    @Test func awaitResolutionReturnsOnMatchAndAsItStandsAfterItsTimeout() async throws {
        try await withTestRedis { _, redis in
            let settings = MatchmakingSettings(teamSize: 1)
            let service = RedisTicketService(redis: redis, settings: settings, metrics: testMetrics().1)
            defer { service.shutdown() }
            let lonely = try await service.join(JoinRequest(players: ["ada"]))
            let start = ContinuousClock.now
            let unresolved = try await service.awaitResolution(of: lonely.id, timeout: 0.2)
            #expect(unresolved.status == .searching)
            #expect(ContinuousClock.now - start >= .milliseconds(200))
            try await withMatchmaker(redis: redis, settings: settings) {
                async let waited = service.awaitResolution(of: lonely.id, timeout: 10)
                try await Task.sleep(for: .milliseconds(100))
                _ = try await service.join(JoinRequest(players: ["bob"]))
                let matched = try await waited
                #expect(matched.status == .matched && matched.server?.url == "ws://game.test:7000/game/\(matched.matchId ?? "")")
                #expect(ContinuousClock.now - start < .seconds(5))
            }
            await #expect(throws: MatchmakingError.unknownTicket("nope")) { try await service.awaitResolution(of: "nope", timeout: 1) }
        }
    }
}
