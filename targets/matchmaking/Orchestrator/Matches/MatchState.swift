import GameServer
/// Where a match is in its life on the orchestrator.
public enum MatchState: Sendable, Equatable {
    /// Its game server is being started (not routable yet).
    case provisioning
    /// Its game server is ready: the proxy routes its players.
    case running
    /// Its game server reported a result and exited (completed, abandoned or terminated).
    case ended(MatchResult)
    /// Its game server died without a result (killed, crashed).
    case failed(reason: String)

    /// `provisioning`, `running`, `ended` or `failed`.
    public var name: String {
        switch self {
        case .provisioning: "provisioning"
        case .running: "running"
        case .ended: "ended"
        case .failed: "failed"
        }
    }

    /// Whether the match is over.
    public var isOver: Bool {
        switch self {
        case .provisioning, .running: false
        case .ended, .failed: true
        }
    }
}

/// What the orchestrator knows about one match.
public struct MatchSnapshot: Sendable, Equatable {
    /// The match.
    public var matchId: String
    /// Its region.
    public var region: String
    /// The players assigned.
    public var players: [String]
    /// Its state.
    public var state: MatchState
    /// Its game server (`pid N`), while it has one.
    public var instance: String?

    /// A snapshot.
    public init(matchId: String, region: String, players: [String], state: MatchState, instance: String? = nil) {
        self.matchId = matchId
        self.region = region
        self.players = players
        self.state = state
        self.instance = instance
    }
}
