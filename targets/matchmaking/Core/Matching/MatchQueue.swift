import RedisClient

/// The workers' side of the queue: forming matches, assigning or requeueing them, expiring tickets. Every
/// operation is one Lua script (EVALSHA), safe with any number of workers and processes on the same Redis.
public struct MatchQueue: Sendable {
    /// A ticket ``expire()`` timed out.
    public struct ExpiredTicket: Sendable, Equatable {
        /// The ticket id.
        public var id: String
        /// When it was created, Unix seconds.
        public var createdAt: Double
        /// When it timed out, Unix seconds.
        public var resolvedAt: Double
    }

    /// What ``expire()`` found.
    public struct Expiry: Sendable, Equatable {
        /// Tickets timed out now.
        public var expired: [ExpiredTicket]
        /// Waiting tickets per region.
        public var waiting: [String: Int]
    }

    /// The queue's rules.
    public let settings: MatchmakingSettings
    /// Skill mode: how many of the oldest tickets one call tries as anchors.
    public var skillAnchors: Int
    private let redis: RedisClient

    /// The queue in `redis` with `settings`.
    public init(redis: RedisClient, settings: MatchmakingSettings, skillAnchors: Int = 200) {
        self.redis = redis
        self.settings = settings
        self.skillAnchors = max(1, skillAnchors)
    }

    /// The regions tickets were ever queued in.
    public func regions() async throws -> [String] {
        let reply = try await redis.send(["SMEMBERS", settings.keyPrefix + "regions"])
        return (reply.array ?? []).compactMap(\.string).sorted()
    }

    /// Forms up to ``MatchmakingSettings/maxMatchesPerCall`` matches in `region` (its tickets become `allocating`).
    public func formMatches(region: String) async throws -> [MatchProposal] {
        let count = settings.maxMatchesPerCall
        // The scripts number the call's matches after this base: 112 random bits, 32 hex digits with the number.
        let matchIdBase = String(TicketIdentifier.random().prefix(28))
        let common = settings.scriptArguments(now: unixNow()) + [region, String(settings.teamSize), String(count)]
        let reply: RedisValue
        switch settings.mode {
        case .fifo:
            let window = count * settings.matchSize + 4 * settings.matchSize
            reply = try await redis.evaluate(FifoMatchScript.script, arguments: common + [String(window), matchIdBase])
        case .skill:
            reply = try await redis.evaluate(
                SkillMatchScript.script,
                arguments: common + [String(skillAnchors), settings.skillWindows.scriptArgument, matchIdBase]
            )
        }
        return try Self.decodeProposals(reply, region: region)
    }

    /// Marks every ticket of `match` `matched` to `server`; returns how many were (all, unless one was not
    /// `allocating` for this match any more).
    @discardableResult
    public func assign(_ match: MatchProposal, to server: ServerAssignment) async throws -> Int {
        let reply = try await redis.evaluate(
            AssignScript.script,
            arguments: settings.scriptArguments(now: unixNow()) + [match.matchId, server.url, server.gameId] + match.ticketIds
        )
        return reply.int ?? 0
    }

    /// Puts the tickets of `matches` back at the front of their queues as `searching`, the first ticket of the first
    /// match first. Returns how many tickets were requeued.
    @discardableResult
    public func requeue(_ matches: [MatchProposal]) async throws -> Int {
        guard !matches.isEmpty else { return 0 }
        var arguments = settings.scriptArguments(now: unixNow()) + [settings.mode.rawValue]
        for match in matches {
            arguments += [match.matchId, String(match.tickets.count)] + match.ticketIds
        }
        return try await redis.evaluate(RequeueScript.script, arguments: arguments).int ?? 0
    }

    /// Puts tickets `allocating` for longer than `lease` seconds back at the front of their queues (those of at most
    /// `limit` matches per call): their matchmaker died or lost Redis before assigning or requeueing them (see ``ReclaimScript``).
    /// Returns how many tickets were reclaimed.
    @discardableResult
    public func reclaim(lease: Double, limit: Int = 1000) async throws -> Int {
        let reply = try await redis.evaluate(
            ReclaimScript.script,
            arguments: settings.scriptArguments(now: unixNow()) + [String(lease), settings.mode.rawValue, String(max(1, limit))]
        )
        return reply.int ?? 0
    }

    /// Times out tickets waiting longer than ``MatchmakingSettings/ticketTimeout`` (at most `limit` per region per
    /// call) and reports each region's waiting tickets.
    public func expire(limit: Int = 1000) async throws -> Expiry {
        let now = unixNow()
        let reply = try await redis.evaluate(
            ExpireScript.script,
            arguments: settings.scriptArguments(now: now)
                + [String(settings.ticketTimeout), settings.timeoutReason, String(max(1, limit))]
        )
        guard let parts = reply.array, parts.count == 2, let expired = parts[0].array, let sizes = parts[1].array else {
            throw RedisError(kind: .invalidReply, message: "unexpected expire reply \(reply)")
        }
        var expiry = Expiry(expired: [], waiting: [:])
        var index = 0
        while index + 1 < expired.count {
            let createdAt = expired[index + 1].string.flatMap(Double.init) ?? now
            expiry.expired.append(ExpiredTicket(id: expired[index].string ?? "", createdAt: createdAt, resolvedAt: now))
            index += 2
        }
        index = 0
        while index + 1 < sizes.count {
            if let region = sizes[index].string { expiry.waiting[region] = sizes[index + 1].int ?? 0 }
            index += 2
        }
        return expiry
    }

    /// The counters kept in Redis by the scripts (`created`, `matched`, `cancelled`, `timed_out`, `matches`,
    /// `requeued`, `reclaimed`), across every process.
    public func stats() async throws -> [String: Int] {
        let reply = try await redis.send(["HGETALL", settings.keyPrefix + "stats"])
        let values = reply.array ?? []
        var stats: [String: Int] = [:]
        var index = 0
        while index + 1 < values.count {
            if let key = values[index].string { stats[key] = values[index + 1].int ?? 0 }
            index += 2
        }
        return stats
    }

    static func decodeProposals(_ reply: RedisValue, region: String) throws -> [MatchProposal] {
        guard let values = reply.array else { throw RedisError(kind: .invalidReply, message: "unexpected match reply \(reply)") }
        var proposals: [MatchProposal] = []
        var index = 0
        while index + 1 < values.count {
            guard let matchId = values[index].string, let count = values[index + 1].int,
                  index + 2 + count * 5 <= values.count else {
                throw RedisError(kind: .invalidReply, message: "truncated match reply")
            }
            index += 2
            var tickets: [ProposedTicket] = []
            tickets.reserveCapacity(count)
            for _ in 0..<count {
                tickets.append(ProposedTicket(
                    id: values[index].string ?? "",
                    players: TicketRecord.splitPlayers(values[index + 4].string ?? ""),
                    mmr: values[index + 2].int ?? 0,
                    createdAt: values[index + 3].string.flatMap(Double.init) ?? 0,
                    team: (values[index + 1].int ?? 1) - 1
                ))
                index += 5
            }
            proposals.append(MatchProposal(matchId: matchId, region: region, tickets: tickets))
        }
        return proposals
    }
}
