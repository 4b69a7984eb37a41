/// Where the WebSocket proxy sends the players of one running match, and who may connect.
public struct MatchRoute: Sendable, Equatable {
    /// The match.
    public var matchId: String
    /// The players assigned to the match: the only ones the proxy admits.
    public var players: Set<String>
    /// The game server's address (loopback for the process backend).
    public var upstreamHost: String
    /// The game server's port.
    public var upstreamPort: Int

    /// A route.
    public init(matchId: String, players: Set<String>, upstreamHost: String, upstreamPort: Int) {
        self.matchId = matchId
        self.players = players
        self.upstreamHost = upstreamHost
        self.upstreamPort = upstreamPort
    }
}

/// Tells the proxy where a match runs. The orchestrator's match table implements it.
public protocol MatchDirectory: Sendable {
    /// The route of match `matchId` while its game server runs; nil when the match is unknown, still being
    /// provisioned, or over.
    func route(for matchId: String) -> MatchRoute?
}
