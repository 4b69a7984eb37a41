import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MatchmakingCore
import MatchmakingGateway
import MatchmakingTelemetry
import NIOPosix
import RedisClient
import ServiceLifecycle

/// Whether requests without a bearer token are accepted.
enum AuthenticationMode: String, EnumerableFlag {
    /// The original client: the player named by the body's `id` (default).
    case allowAnonymous
    /// Every request but /health and /metrics needs `Authorization: Bearer <token>`.
    case requireToken
}

/// `matchmaking-gateway`: the game backend's client API (login, store, matchmaking) on Redis.
@main
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matchmaking-gateway",
        abstract: "The matchmaking reference target's gateway: login, store and matchmaking over HTTP, on Redis.",
        discussion: "Prints `listening on HOST:PORT` once bound. Stops gracefully on SIGTERM or SIGINT."
    )

    @Option(help: "Redis host.") var redisHost = "127.0.0.1"
    @Option(help: "Redis port.") var redisPort = 6379
    @Option(help: "Redis connections.") var redisPool = 4
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: a free port).") var port = 8080
    @Option(help: "Connections waiting to be accepted (listen backlog).") var backlog = 4096
    @Flag(help: "Whether requests without a bearer token are accepted.") var authentication = AuthenticationMode.allowAnonymous
    @Option(help: "Session token lifetime, seconds.") var tokenTtl = 3600
    @Option(help: "Wallet balance of a new player.") var startingBalance = 1000
    @Option(help: "Largest request body, bytes.") var bodyLimit = 16 * 1024
    @Option(help: "Longest long-poll wait of GET /matchmaking/status, seconds.") var longPollMax = 30.0
    @Option(help: "NIO event loop threads (default: one per core).") var threads: Int?
    @Option(help: "Redis key prefix of the matchmaking queue (must match the matchmaker's).") var keyPrefix = "mm:"
    @Option(help: "Players per team (must match the matchmaker's).") var teamSize = 5
    @Option(help: "Matchmaking mode, fifo or skill (must match the matchmaker's).") var mode = "fifo"
    @Option(help: "Seconds before a searching ticket times out.") var ticketTimeout = 60.0
    @Option(help: "Comma-separated regions accepted (empty: any).") var regions = ""
    @Option(help: "Log level (trace, debug, info, notice, warning, error, critical).") var logLevel = "info"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard backlog > 0 else { throw ValidationError("--backlog must be positive") }
        guard MatchmakingMode(rawValue: mode) != nil else { throw ValidationError("--mode must be fifo or skill") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        guard tokenTtl > 0, bodyLimit > 0, longPollMax >= 0, teamSize > 0 else {
            throw ValidationError("--token-ttl, --body-limit and --team-size must be positive, --long-poll-max at least 0")
        }
    }

    func run() async throws {
        var logger = Logger(label: "matchmaking-gateway", factory: LazyMetadataLogHandler.init(label:))
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let settings = GatewaySettings(
            redisHost: redisHost, redisPort: redisPort, redisPoolSize: redisPool, host: host, port: port, backlog: backlog,
            tokenTTL: tokenTtl, allowAnonymous: authentication == .allowAnonymous, startingBalance: startingBalance,
            bodyLimit: bodyLimit, longPollMax: longPollMax
        )
        let matchmaking = MatchmakingSettings(
            keyPrefix: keyPrefix, teamSize: teamSize, mode: MatchmakingMode(rawValue: mode) ?? .fifo,
            ticketTimeout: ticketTimeout,
            regions: Set(regions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        )
        let redis = RedisClient(configuration: RedisConfiguration(
            host: settings.redisHost, port: settings.redisPort, poolSize: settings.redisPoolSize, choice: .fillFirst()
        ))
        let telemetry = ServiceTelemetry()
        let tickets = RedisTicketService(redis: redis, settings: matchmaking, metricsFactory: telemetry.factory)
        let eventLoops = threads.map { MultiThreadedEventLoopGroup(numberOfThreads: $0) }
        let boundHost = settings.host
        let app = GatewayApplication.make(
            settings: settings, redis: redis, tickets: tickets, telemetry: telemetry, eventLoopGroup: eventLoops,
            logger: logger,
            onServerRunning: { channel in
                let line = "listening on \(boundHost):\(channel.localAddress?.port ?? 0)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        )
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        ))
        var failure: (any Error)?
        do {
            try await group.run()
        } catch {
            failure = error
        }
        tickets.shutdown()
        redis.close()
        try? await eventLoops?.shutdownGracefully()
        if let failure { throw failure }
    }
}
