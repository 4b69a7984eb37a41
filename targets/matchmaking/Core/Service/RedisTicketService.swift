import CoreMetrics
import RedisClient

/// The ``TicketService`` on Redis: every state change is one Lua script run with EVALSHA, atomic against the
/// matchmaker's workers and other gateways.
///
/// ``awaitResolution(of:timeout:)`` waits on ``events`` (started lazily by the first call); call ``shutdown()`` when
/// done to stop its reader loop. Tickets created and cancelled are counted here; matched and timed out in the workers.
public final class RedisTicketService: TicketService {
    /// The queue's rules.
    public let settings: MatchmakingSettings
    /// The push channel behind ``awaitResolution(of:timeout:)``.
    public let events: TicketEvents

    private let redis: RedisClient
    private let metrics: MatchmakingMetrics
    private let ticketFields: [String]

    /// A service on `redis` with `settings`, counting into `metrics`. Its ``events`` use their own connection to
    /// the same server.
    public init(redis: RedisClient, settings: MatchmakingSettings = MatchmakingSettings(), metrics: MatchmakingMetrics) {
        self.redis = redis
        self.settings = settings
        self.metrics = metrics
        events = TicketEvents(configuration: redis.configuration, keyPrefix: settings.keyPrefix)
        ticketFields = TicketRecord.fields
    }

    /// A service creating its metrics on `metricsFactory`.
    public convenience init(redis: RedisClient, settings: MatchmakingSettings = MatchmakingSettings(), metricsFactory: any MetricsFactory) {
        self.init(redis: redis, settings: settings, metrics: MatchmakingMetrics(factory: metricsFactory))
    }

    /// Stops the event reader; pending waiters return their ticket as it stands.
    public func shutdown() {
        events.stop()
    }

    /// Queues a player or party as a new `searching` ticket.
    public func join(_ request: JoinRequest) async throws(MatchmakingError) -> Ticket {
        try await join(request, id: TicketIdentifier.random())
    }

    /// Queues a player or party as the new ticket `id`.
    private func join(_ request: JoinRequest, id: String) async throws(MatchmakingError) -> Ticket {
        try validate(request)
        let now = unixNow()
        let players = TicketRecord.joinPlayers(request.players)
        let reply = try await redisCall {
            try await redis.evaluate(
                JoinScript.script,
                arguments: settings.scriptArguments(now: now)
                    + [id, String(request.mmr), request.region, settings.mode.rawValue, players]
            )
        }
        let parts = reply.array ?? []
        if parts.first?.string == "queued", parts.count == 3 {
            throw MatchmakingError.alreadyQueued(player: parts[1].string ?? "", ticketId: parts[2].string ?? "")
        }
        guard parts.first?.string == "ok" else { throw MatchmakingError.unavailable("unexpected join reply \(reply)") }
        metrics.ticketsCreated.increment()
        return Ticket(id: id, players: request.players, mmr: request.mmr, region: request.region, status: .searching, createdAt: now)
    }

    /// The ticket as it stands.
    public func ticket(_ id: String) async throws(MatchmakingError) -> Ticket {
        let reply = try await redisCall { try await redis.send(["HMGET", settings.keyPrefix + "t:" + id] + ticketFields) }
        guard let ticket = TicketRecord.decode(reply) else { throw MatchmakingError.unknownTicket(id) }
        return ticket
    }

    /// Cancels a `searching` ticket not yet taken for a match.
    public func cancel(_ id: String, by player: String) async throws(MatchmakingError) -> Ticket {
        let reply = try await redisCall {
            try await redis.evaluate(
                CancelScript.script, arguments: settings.scriptArguments(now: unixNow()) + [id, player, "cancelled by owner"]
            )
        }
        let parts = reply.array ?? []
        switch parts.first?.string {
        case "ok":
            guard parts.count == 2, let ticket = TicketRecord.decode(parts[1]) else { throw MatchmakingError.unknownTicket(id) }
            metrics.resolved(.cancelled)
            metrics.queueTime((ticket.resolvedAt ?? ticket.createdAt) - ticket.createdAt, outcome: .cancelled)
            return ticket
        case "unknown":
            throw MatchmakingError.unknownTicket(id)
        case "owner":
            throw MatchmakingError.notOwner(player: player, ticketId: id)
        case "state":
            let raw = parts.count > 1 ? parts[1].string : nil
            throw MatchmakingError.notCancellable(ticketId: id, status: raw.flatMap(TicketStatus.init(rawValue:)) ?? .searching)
        default:
            throw MatchmakingError.unavailable("unexpected cancel reply \(reply)")
        }
    }

    /// The ticket once final, or as it stands after `timeout` seconds; waits on ``events``, never polling Redis.
    public func awaitResolution(of id: String, timeout: Double) async throws(MatchmakingError) -> Ticket {
        try await events.start()
        let token = events.register(id)
        defer { events.unregister(token) }
        let current = try await ticket(id)
        if current.status.isFinal || timeout <= 0 { return current }
        if let event = await events.wait(token, timeout: timeout) { return event.applied(to: current) }
        return try await ticket(id)
    }

    /// Queues a player or party and waits up to `timeout` seconds for the ticket to be final: the waiter is
    /// registered before the ticket exists, and the event that resolves it carries the match, so the whole costs one
    /// Redis round trip when the match comes in time.
    /// - Throws: ``MatchmakingError`` as ``join(_:)``.
    public func joinAndAwait(_ request: JoinRequest, timeout: Double) async throws(MatchmakingError) -> Ticket {
        try await events.start()
        let id = TicketIdentifier.random()
        let token = events.register(id)
        defer { events.unregister(token) }
        let joined = try await join(request, id: id)
        guard timeout > 0 else { return joined }
        if let event = await events.wait(token, timeout: timeout) { return event.applied(to: joined) }
        return try await ticket(id)
    }

    private func validate(_ request: JoinRequest) throws(MatchmakingError) {
        if request.players.isEmpty { throw MatchmakingError.invalid("a ticket needs at least one player") }
        if request.players.count > settings.teamSize {
            throw MatchmakingError.invalid("a party has at most \(settings.teamSize) players, got \(request.players.count)")
        }
        if Set(request.players).count != request.players.count { throw MatchmakingError.invalid("a party lists a player twice") }
        for player in request.players where player.isEmpty || player.contains(TicketRecord.playerSeparator) {
            throw MatchmakingError.invalid("invalid player id \(player.debugDescription)")
        }
        if request.region.isEmpty || request.region.contains(TicketRecord.playerSeparator) {
            throw MatchmakingError.invalid("invalid region \(request.region.debugDescription)")
        }
        if !settings.regions.isEmpty, !settings.regions.contains(request.region) {
            throw MatchmakingError.invalid("unknown region \(request.region); allowed: \(settings.regions.sorted().joined(separator: ", "))")
        }
    }
}
