/// How one game server process runs its single match.
public struct GameServerSettings: Sendable, Equatable {
    /// The match this server hosts: clients connect to `/game/{matchId}/connect`.
    public var matchId: String
    /// The players allowed to join; a connection must name one of them in its first (`join`) message.
    public var expectedPlayers: [String]
    /// State broadcasts per second.
    public var tickRate: Int
    /// How long the match lasts, counted from the start (every expected player joined, or the join timeout passed with at least one).
    public var matchDuration: Duration
    /// How long the server waits for every expected player before starting with those present (abandoning the match if none came).
    public var joinTimeout: Duration
    /// Address to listen on.
    public var host: String
    /// Port to listen on (0: a free port).
    public var port: Int
    /// Largest WebSocket message accepted from a client, bytes.
    public var maxMessageSize: Int

    /// Settings for match `matchId` between `expectedPlayers`; the rest defaults to 32 Hz, 30 s matches, a 30 s
    /// join timeout, on 127.0.0.1 and a free port.
    public init(
        matchId: String,
        expectedPlayers: [String],
        tickRate: Int = 32,
        matchDuration: Duration = .seconds(30),
        joinTimeout: Duration = .seconds(30),
        host: String = "127.0.0.1",
        port: Int = 0,
        maxMessageSize: Int = 16 * 1024
    ) {
        self.matchId = matchId
        self.expectedPlayers = expectedPlayers
        self.tickRate = tickRate
        self.matchDuration = matchDuration
        self.joinTimeout = joinTimeout
        self.host = host
        self.port = port
        self.maxMessageSize = maxMessageSize
    }

    /// The time between two ticks.
    var tickInterval: Duration { .seconds(1) / max(tickRate, 1) }
}
