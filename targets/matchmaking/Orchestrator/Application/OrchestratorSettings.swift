/// How the orchestrator runs (the game server executable and its readiness are the backend's settings).
public struct OrchestratorSettings: Sendable, Equatable {
    /// Address the HTTP API (and the proxy) listens on.
    public var host: String
    /// Port (0: a free port).
    public var port: Int
    /// `host:port` put in the game URLs handed out (nil: the address the orchestrator is bound to).
    public var publicAddress: String?
    /// Most game servers at once (provisioning or running).
    public var maxServers: Int
    /// How long an allocation waits for a free slot before failing with 503 `capacity`.
    public var allocationWait: Duration
    /// Game servers' state broadcasts per second.
    public var tickRate: Int
    /// Match duration, counted from the start (every expected player joined, or the join timeout passed with at least one).
    public var matchDuration: Duration
    /// How long a game server waits for every expected player before starting with those present (abandoning the match if none came).
    public var joinTimeout: Duration
    /// Between SIGTERM and SIGKILL when a game server is terminated.
    public var terminationGrace: Duration
    /// Redis key prefix of the matchmaking data (the match hash is `{prefix}match:{id}`).
    public var keyPrefix: String
    /// Expiry set on a match hash the orchestrator creates (one the matchmaker created keeps its own), seconds.
    public var resultTTL: Int
    /// How long a match that is over can still be queried.
    public var retention: Duration
    /// How many matches that are over are kept for queries at most.
    public var maxRetained: Int
    /// Largest request body, bytes.
    public var bodyLimit: Int

    /// Settings; the defaults serve on 127.0.0.1:8090 with up to 1,000 servers.
    public init(
        host: String = "127.0.0.1", port: Int = 8090, publicAddress: String? = nil, maxServers: Int = 1000,
        allocationWait: Duration = .seconds(5), tickRate: Int = 32, matchDuration: Duration = .seconds(30),
        joinTimeout: Duration = .seconds(30), terminationGrace: Duration = .seconds(5), keyPrefix: String = "mm:",
        resultTTL: Int = 600, retention: Duration = .seconds(300), maxRetained: Int = 10_000, bodyLimit: Int = 64 * 1024
    ) {
        self.host = host
        self.port = port
        self.publicAddress = publicAddress
        self.maxServers = maxServers
        self.allocationWait = allocationWait
        self.tickRate = tickRate
        self.matchDuration = matchDuration
        self.joinTimeout = joinTimeout
        self.terminationGrace = terminationGrace
        self.keyPrefix = keyPrefix
        self.resultTTL = resultTTL
        self.retention = retention
        self.maxRetained = maxRetained
        self.bodyLimit = bodyLimit
    }
}
