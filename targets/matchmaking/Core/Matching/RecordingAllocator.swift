import RedisClient

/// The default allocator: records the match in Redis (`{prefix}match:{id}`: players, teams, region, server, with
/// the result TTL) and assigns `ws://{serverHost}/game/{matchId}` with the match id as game id.
public struct RecordingAllocator: MatchAllocator {
    private let redis: RedisClient
    private let settings: MatchmakingSettings
    private let serverHost: String

    /// An allocator writing to `redis` under `settings.keyPrefix`; `serverHost` is `host:port` of the game servers.
    public init(redis: RedisClient, settings: MatchmakingSettings, serverHost: String = "127.0.0.1:7000") {
        self.redis = redis
        self.settings = settings
        self.serverHost = serverHost
    }

    /// Records the match and returns its server.
    public func allocate(_ match: MatchProposal) async throws -> ServerAssignment {
        let assignment = ServerAssignment(url: "ws://\(serverHost)/game/\(match.matchId)", gameId: match.matchId)
        try await record(match, at: assignment)
        return assignment
    }

    /// The Redis key of match `matchId`'s record (the orchestrator adds how the match ended to it).
    public static func key(prefix: String, matchId: String) -> String {
        prefix + "match:" + matchId
    }

    /// Records `match` in Redis as served by `assignment` (used by allocators that find the server elsewhere).
    public func record(_ match: MatchProposal, at assignment: ServerAssignment) async throws {
        let key = Self.key(prefix: settings.keyPrefix, matchId: match.matchId)
        let teams = match.teams.map { team in team.flatMap(\.players).joined(separator: ",") }
        let replies = try await redis.pipeline([
            [
                "HSET", key, "region", match.region, "players", match.players.joined(separator: ","),
                "team1", teams[0], "team2", teams[1], "url", assignment.url, "gameId", assignment.gameId,
            ],
            ["EXPIRE", key, String(settings.resultTTL)],
        ])
        if let message = replies.compactMap(\.errorMessage).first {
            throw RedisError(kind: .server, message: message)
        }
    }
}
