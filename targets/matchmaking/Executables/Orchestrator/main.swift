import ArgumentParser
import Foundation
import GameOrchestrator
import Logging
import MatchmakingTelemetry
import NIOPosix
import RedisClient
import ServiceLifecycle

/// `matchmaking-orchestrator`: a game server process per match on demand, and the WebSocket proxy to them.
struct OrchestratorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matchmaking-orchestrator",
        abstract: "The matchmaking reference target's game orchestrator: a game server per match, behind a WebSocket proxy.",
        discussion: """
            POST /allocations {"matchId","region","players":[ids]} starts a matchmaking-gameserver process and answers \
            {"matchId","url":"ws://PUBLIC-ADDRESS/game/MATCH/connect","gameId"} once it is healthy; GET and DELETE \
            /matches/ID; GET /health, /metrics. Prints `listening on HOST:PORT` once bound. SIGTERM or SIGINT: \
            refuses new allocations, terminates every game server (SIGKILL after the grace) and exits once all are reaped.
            """
    )

    @Option(help: "Redis host.") var redisHost = "127.0.0.1"
    @Option(help: "Redis port.") var redisPort = 6379
    @Option(help: "Redis connections.") var redisPool = 4
    @Option(help: "Redis key prefix of the matchmaking data (must match the matchmaker's).") var keyPrefix = "mm:"
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: a free port).") var port = 8090
    @Option(help: "host:port in the game URLs handed out (default: the address bound).") var publicAddress: String?
    @Option(help: "Most game servers at once.") var maxServers = 1000
    @Option(help: "Seconds an allocation waits for a free slot before 503 capacity.") var allocationWait = 5.0
    @Option(help: "The game server executable (default: matchmaking-gameserver beside this one).") var gameserverPath: String?
    @Option(help: "Game servers' state broadcasts per second.") var tickRate = 32
    @Option(help: "Match duration in seconds, counted from the start (every expected player joined, or the join timeout passed with at least one).") var matchDuration = 30.0
    @Option(help: "Seconds a game server waits for every expected player before starting with those present (abandoning the match if none came).") var joinTimeout = 30.0
    @Option(help: "Seconds a game server has to become ready.") var readinessTimeout = 10.0
    @Option(help: "Seconds between SIGTERM and SIGKILL when terminating a game server.") var terminationGrace = 5.0
    @Option(help: "NIO event loop threads (default: one per core).") var threads: Int?
    @Option(help: "Log level (trace, debug, info, notice, warning, error, critical).") var logLevel = "info"

    func validate() throws {
        guard (0...65_535).contains(port), (1...65_535).contains(redisPort) else {
            throw ValidationError("--port must be 0 to 65535, --redis-port 1 to 65535")
        }
        guard redisPool > 0 else { throw ValidationError("--redis-pool must be at least 1") }
        guard maxServers > 0 else { throw ValidationError("--max-servers must be at least 1") }
        guard allocationWait >= 0 else { throw ValidationError("--allocation-wait must be 0 or more seconds") }
        guard tickRate > 0, tickRate <= 1_000 else { throw ValidationError("--tick-rate must be 1 to 1000") }
        guard matchDuration > 0, joinTimeout > 0, readinessTimeout > 0, terminationGrace > 0 else {
            throw ValidationError("--match-duration, --join-timeout, --readiness-timeout and --termination-grace must be positive")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let publicAddress, publicAddress.isEmpty || publicAddress.contains("/") {
            throw ValidationError("--public-address must be host:port, without a scheme or path")
        }
        if let gameserverPath, !FileManager.default.isExecutableFile(atPath: gameserverPath) {
            throw ValidationError("--gameserver-path: no executable at \(gameserverPath)")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical")
        }
    }

    func run() async throws {
        var logger = Logger(label: "matchmaking-orchestrator", factory: LazyMetadataLogHandler.init(label:))
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let settings = OrchestratorSettings(
            host: host, port: port, publicAddress: publicAddress, maxServers: maxServers,
            allocationWait: .seconds(allocationWait), tickRate: tickRate, matchDuration: .seconds(matchDuration),
            joinTimeout: .seconds(joinTimeout), terminationGrace: .seconds(terminationGrace), keyPrefix: keyPrefix
        )
        let backend = ProcessBackend(
            executablePath: gameserverPath, readinessTimeout: .seconds(readinessTimeout), logger: logger
        )
        guard FileManager.default.isExecutableFile(atPath: backend.executablePath) else {
            throw ValidationError("no game server at \(backend.executablePath): build matchmaking-gameserver or pass --gameserver-path")
        }
        let redis = RedisClient(configuration: RedisConfiguration(host: redisHost, port: redisPort, poolSize: redisPool, choice: .fillFirst()))
        let eventLoops = threads.map { MultiThreadedEventLoopGroup(numberOfThreads: $0) }
        let boundHost = host
        let stack = OrchestratorStack(
            settings: settings, backend: backend, redis: redis, telemetry: ServiceTelemetry(), eventLoopGroup: eventLoops,
            logger: logger,
            onServerRunning: { port in
                FileHandle.standardOutput.write(Data("listening on \(boundHost):\(port)\n".utf8))
            }
        )
        var configuration = ServiceGroupConfiguration(
            services: stack.services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        )
        configuration.maximumGracefulShutdownDuration = .seconds(terminationGrace + readinessTimeout + 10)
        var failure: (any Error)?
        do {
            try await ServiceGroup(configuration: configuration).run()
        } catch {
            failure = error
        }
        // In case the group ended another way than a graceful shutdown: no game server may outlive the orchestrator.
        await stack.orchestrator.shutdown()
        redis.close()
        try? await eventLoops?.shutdownGracefully()
        if let failure { throw failure }
    }
}

/// Runs the command from an async function, so that `main()` resolves to AsyncParsableCommand's async entry
/// (this target's single file is main.swift, which cannot use `@main`).
func runOrchestratorCommand() async {
    await OrchestratorCommand.main()
}

await runOrchestratorCommand()
