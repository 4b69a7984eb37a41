/// How a gateway runs. Every field has a default suited to a local run.
public struct GatewaySettings: Sendable, Equatable {
    /// Redis host.
    public var redisHost: String
    /// Redis port.
    public var redisPort: Int
    /// Redis connections (each with its own I/O thread).
    public var redisPoolSize: Int
    /// Address the HTTP server binds.
    public var host: String
    /// Port the HTTP server binds; 0 picks a free one.
    public var port: Int
    /// Connections the kernel may hold waiting to be accepted (`listen` backlog; Linux caps it at
    /// `net.core.somaxconn`). Hummingbird's default of 256 overflowed when thousands of players connected at once:
    /// the kernel drops the excess, and their clients retry only after 1, 3, 7 seconds.
    public var backlog: Int
    /// How long a session token from `POST /login` stays valid, in seconds.
    public var tokenTTL: Int
    /// Whether requests without a bearer token are accepted, the player named by the body's (or query's) `id`, as
    /// the original unauthenticated client sends them. When false, a missing token answers 401. An invalid or
    /// expired token always answers 401, and a token with a different `id` 403.
    public var allowAnonymous: Bool
    /// The wallet balance a player starts with (on first login or first store request).
    public var startingBalance: Int
    /// The largest request body accepted, in bytes; larger ones answer 413.
    public var bodyLimit: Int
    /// The longest `wait` of a long-polling `GET /matchmaking/status`, in seconds.
    public var longPollMax: Double
    /// How long a purchase's idempotency key is remembered, in seconds.
    public var idempotencyTTL: Int
    /// The store's catalogue, fixed for the life of the process.
    public var offers: [Offer]

    /// Settings; every argument has a default.
    public init(
        redisHost: String = "127.0.0.1", redisPort: Int = 6379, redisPoolSize: Int = 4,
        host: String = "127.0.0.1", port: Int = 8080, backlog: Int = 4096, tokenTTL: Int = 3600, allowAnonymous: Bool = true,
        startingBalance: Int = 1000, bodyLimit: Int = 16 * 1024, longPollMax: Double = 30,
        idempotencyTTL: Int = 86_400, offers: [Offer] = Offer.defaultCatalogue
    ) {
        self.redisHost = redisHost
        self.redisPort = redisPort
        self.redisPoolSize = redisPoolSize
        self.host = host
        self.port = port
        self.backlog = backlog
        self.tokenTTL = tokenTTL
        self.allowAnonymous = allowAnonymous
        self.startingBalance = startingBalance
        self.bodyLimit = bodyLimit
        self.longPollMax = longPollMax
        self.idempotencyTTL = idempotencyTTL
        self.offers = offers
    }
}
