import ArgumentParser
import Logging
import Matchmaker
import MatchmakingCore
import MatchmakingTelemetry
import RedisClient
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `matchmaking-matchmaker`: the matchmaker's workers and its `/metrics` + `/health` app, stopped gracefully by
/// SIGTERM or SIGINT.
@main
struct MatchmakerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matchmaking-matchmaker", abstract: "Forms matches from the tickets queued in Redis."
    )

    @Option(help: "Redis host.") var redisHost = "127.0.0.1"
    @Option(help: "Redis port.") var redisPort = 6379
    @Option(help: "Redis connections.") var redisConnections = 4
    @Option(help: "Address of the /metrics and /health app.") var host = "127.0.0.1"
    @Option(help: "Port of the /metrics and /health app (0: a free port, printed).") var port = 0
    @Option(help: "Concurrent matching loops.") var workers = 2
    @Option(help: "Matching mode: fifo or skill.") var mode = "fifo"
    @Option(help: "Players per team (a match has two teams).") var teamSize = 5
    @Option(help: "Seconds before a waiting ticket times out.") var timeout = 60.0
    @Option(help: "Most matches formed per script call.") var batch = 50
    @Option(help: "Milliseconds a loop sleeps after forming nothing (doubling while it stays idle).") var idleSleepMs = 10
    @Option(help: "Longest idle sleep of a loop, milliseconds.") var idleSleepMaxMs = 100
    @Option(help: "Key prefix in Redis.") var keyPrefix = "mm:"
    @Option(help: "host:port put in the game server URLs (ws://HOST/game/MATCH).") var serverHost = "127.0.0.1:7000"
    @Option(help: "The game orchestrator (e.g. http://127.0.0.1:9000): starts a game server per match. Without it, matches are only recorded, with URLs on --server-host.")
    var orchestratorUrl: String?
    @Option(help: "Seconds a ticket may stay allocating before it goes back to the queue (its matchmaker is taken to have died). Keep it above the longest allocation (30 s with the orchestrator).")
    var allocationLease = 60.0
    @Option(help: "NIO event loop threads of the HTTP app.") var threads = 1
    @Option(help: "Log level.") var logLevel = "info"

    func validate() throws {
        if let orchestratorUrl, !(orchestratorUrl.hasPrefix("http://") || orchestratorUrl.hasPrefix("https://")) {
            throw ValidationError("--orchestrator-url must be an http:// or https:// URL, got '\(orchestratorUrl)'")
        }
        guard workers > 0, teamSize > 0, batch > 0, timeout > 0, allocationLease > 0 else {
            throw ValidationError("--workers, --team-size, --batch, --timeout and --allocation-lease must be positive")
        }
        guard idleSleepMs >= 0, idleSleepMaxMs >= idleSleepMs else {
            throw ValidationError("--idle-sleep-ms must be at least 0 and --idle-sleep-max-ms at least --idle-sleep-ms")
        }
    }

    func run() async throws {
        guard let matchmakingMode = MatchmakingMode(rawValue: mode) else {
            throw ValidationError("--mode must be fifo or skill, got \(mode)")
        }
        var logger = Logger(label: "matchmaker", factory: LazyMetadataLogHandler.init(label:))
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let settings = MatchmakingSettings(
            keyPrefix: keyPrefix, teamSize: teamSize, mode: matchmakingMode, ticketTimeout: timeout, maxMatchesPerCall: batch
        )
        let redis = RedisClient(configuration: RedisConfiguration(host: redisHost, port: redisPort, poolSize: redisConnections, choice: .fillFirst()))
        defer { redis.close() }
        let telemetry = ServiceTelemetry()
        let recorder = RecordingAllocator(redis: redis, settings: settings, serverHost: serverHost)
        let allocator: any MatchAllocator = orchestratorUrl.map { OrchestratorAllocator(orchestratorURL: $0, recorder: recorder) } ?? recorder
        let worker = MatchmakerWorker(
            redis: redis, settings: settings,
            allocator: allocator,
            metrics: MatchmakerHTTP.metrics(on: telemetry),
            options: MatchmakerOptions(
                workers: workers, idleSleep: .milliseconds(idleSleepMs), idleSleepMax: .milliseconds(idleSleepMaxMs),
                allocationLease: allocationLease
            ),
            logger: logger
        )
        let boundHost = host
        let app = MatchmakerHTTP.application(telemetry: telemetry, host: host, port: port, threads: threads, logger: logger) { port in
            print("listening on \(boundHost):\(port)")
            fflush(nil)
        }
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: worker), .init(service: app)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
    }
}
