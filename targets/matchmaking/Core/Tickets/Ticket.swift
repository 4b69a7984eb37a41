/// Where a matched ticket's players go: the game server of their match.
public struct ServerAssignment: Codable, Sendable, Equatable {
    /// The URL players connect to (a WebSocket URL).
    public var url: String
    /// The game's identifier on that server.
    public var gameId: String

    /// An assignment.
    public init(url: String, gameId: String) {
        self.url = url
        self.gameId = gameId
    }
}

/// Where a ticket stands. The raw values are the client API's (`timed_out` with an underscore).
public enum TicketStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting in its queue (or being allocated a server: still not final).
    case searching
    /// In a match, with a server.
    case matched
    /// Cancelled by its owner.
    case cancelled
    /// Gave up by the server after the queue's timeout.
    case timedOut = "timed_out"

    /// Whether the ticket will not change any more.
    public var isFinal: Bool { self != .searching }
}

/// A request to queue: one player, or a party that stays together.
public struct JoinRequest: Sendable, Equatable {
    /// The players, the party leader (owner of the ticket) first. At least one, at most a team's size.
    public var players: [String]
    /// The ticket's skill rating (a party's average, say).
    public var mmr: Int
    /// The region pool to queue in.
    public var region: String

    /// A request.
    public init(players: [String], mmr: Int = 1500, region: String = "default") {
        self.players = players
        self.mmr = mmr
        self.region = region
    }
}

/// A matchmaking ticket, as stored and as the gateway answers it.
public struct Ticket: Codable, Sendable, Equatable {
    /// Its identifier.
    public var id: String
    /// Its players, the owner first.
    public var players: [String]
    /// Its skill rating.
    public var mmr: Int
    /// Its region.
    public var region: String
    /// Where it stands.
    public var status: TicketStatus
    /// When it was created, Unix time in seconds.
    public var createdAt: Double
    /// When it reached its final status, Unix time in seconds.
    public var resolvedAt: Double?
    /// Its match, once matched.
    public var matchId: String?
    /// Its server, once matched.
    public var server: ServerAssignment?
    /// Why it was cancelled or timed out (`cancelled by owner`, `no match within 60s`).
    public var reason: String?

    /// A ticket.
    public init(
        id: String, players: [String], mmr: Int, region: String, status: TicketStatus, createdAt: Double,
        resolvedAt: Double? = nil, matchId: String? = nil, server: ServerAssignment? = nil, reason: String? = nil
    ) {
        self.id = id
        self.players = players
        self.mmr = mmr
        self.region = region
        self.status = status
        self.createdAt = createdAt
        self.resolvedAt = resolvedAt
        self.matchId = matchId
        self.server = server
        self.reason = reason
    }
}
