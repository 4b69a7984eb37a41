/// A ticket taken for a match.
public struct ProposedTicket: Sendable, Equatable {
    /// The ticket id.
    public var id: String
    /// Its players, the owner first.
    public var players: [String]
    /// Its skill rating.
    public var mmr: Int
    /// When it was created, Unix seconds.
    public var createdAt: Double
    /// Its team, 0 or 1.
    public var team: Int

    /// A proposed ticket.
    public init(id: String, players: [String], mmr: Int, createdAt: Double, team: Int) {
        self.id = id
        self.players = players
        self.mmr = mmr
        self.createdAt = createdAt
        self.team = team
    }
}

/// A match formed by a matching script, waiting for a server. Its tickets are `allocating`.
public struct MatchProposal: Sendable, Equatable {
    /// The match id (random 128-bit hex); also the game id of the default allocator.
    public var matchId: String
    /// The region all its tickets queued in.
    public var region: String
    /// Its tickets in the order they were taken (queue order for FIFO).
    public var tickets: [ProposedTicket]

    /// A proposal.
    public init(matchId: String, region: String, tickets: [ProposedTicket]) {
        self.matchId = matchId
        self.region = region
        self.tickets = tickets
    }

    /// The two teams' tickets.
    public var teams: [[ProposedTicket]] {
        [tickets.filter { $0.team == 0 }, tickets.filter { $0.team == 1 }]
    }

    /// Every player of the match.
    public var players: [String] { tickets.flatMap(\.players) }

    /// The ticket ids.
    public var ticketIds: [String] { tickets.map(\.id) }

    /// Highest minus lowest ticket MMR.
    public var mmrSpread: Int {
        let ratings = tickets.map(\.mmr)
        return (ratings.max() ?? 0) - (ratings.min() ?? 0)
    }
}
