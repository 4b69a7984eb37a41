/// Where a ``RedisClient`` connects and how.
public struct RedisConfiguration: Sendable, Equatable {
    /// Host name or address of the server.
    public var host: String
    /// TCP port of the server.
    public var port: Int
    /// Number of connections (each with its own I/O thread). At least 1.
    public var poolSize: Int
    /// Longest wait for a TCP connection.
    public var connectTimeout: Duration
    /// Longest wait for a reply (socket read/write timeout); nil waits forever.
    public var commandTimeout: Duration?
    /// Password sent with AUTH on every new connection, if any.
    public var password: String?
    /// Database selected with SELECT on every new connection, if any.
    public var database: Int?

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1",
        port: Int = 6379,
        poolSize: Int = 4,
        connectTimeout: Duration = .seconds(2),
        commandTimeout: Duration? = .seconds(5),
        password: String? = nil,
        database: Int? = nil
    ) {
        self.host = host
        self.port = port
        self.poolSize = max(1, poolSize)
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.password = password
        self.database = database
    }

    /// `host:port`, as used in messages.
    var endpoint: String { "\(host):\(port)" }
}
