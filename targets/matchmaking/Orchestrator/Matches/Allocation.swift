/// `POST /allocations`: a game server for a match.
public struct AllocationRequest: Sendable, Codable, Equatable {
    /// The document expected, as a hint to a client that sent something else.
    static let shape = #"expected {"matchId": string, "region": string, "players": [string]}"#

    /// The match id (letters, digits, `-_.:`; at most 128).
    public var matchId: String
    /// The players' region (informational).
    public var region: String?
    /// The players allowed in (ids without commas or spaces).
    public var players: [String]

    /// A request.
    public init(matchId: String, region: String? = nil, players: [String]) {
        self.matchId = matchId
        self.region = region
        self.players = players
    }

    /// Why the request is unusable, or nil.
    var problem: String? {
        if let problem = Self.problem(ofIdentifier: matchId, named: "matchId") { return problem }
        guard !players.isEmpty, players.count <= 100 else { return "players must list 1 to 100 player ids" }
        for player in players {
            if let problem = Self.problem(ofIdentifier: player, named: "player id '\(player)'") { return problem }
        }
        guard Set(players).count == players.count else { return "players lists a player twice" }
        return nil
    }

    private static func problem(ofIdentifier value: String, named name: String) -> String? {
        guard !value.isEmpty, value.utf8.count <= 128 else { return "\(name) must be 1 to 128 characters" }
        let allowed = value.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.:@".unicodeScalars.contains(scalar))
        }
        return allowed ? nil : "\(name) may hold only letters, digits and -_.:@"
    }
}

/// `201` to `POST /allocations`: where the match's players connect.
public struct Allocation: Sendable, Codable, Equatable {
    /// The match.
    public var matchId: String
    /// `ws://PUBLIC_HOST/game/MATCH/connect`: the orchestrator's proxy.
    public var url: String
    /// The game id (the match id).
    public var gameId: String

    /// An allocation.
    public init(matchId: String, url: String, gameId: String) {
        self.matchId = matchId
        self.url = url
        self.gameId = gameId
    }
}

/// Why an allocation failed.
public enum AllocationError: Error, Sendable, Equatable {
    /// The request is unusable (400).
    case invalid(String)
    /// The match id is already known (409).
    case duplicate(matchId: String)
    /// Every game server slot stayed taken for the whole wait (503 `capacity`).
    case capacity(maxServers: Int, waited: Duration)
    /// The game server could not be started or did not become ready (502).
    case provisioning(String)
    /// The orchestrator is shutting down (503).
    case shuttingDown
}

/// Notified when a match's game server dies without a result, so the match's players are told. The proxy is one.
public protocol MatchFailureNotifier: Sendable {
    /// Tells the connected players of `matchId` that it failed, and closes them.
    func failMatch(_ matchId: String, reason: String) async
}
