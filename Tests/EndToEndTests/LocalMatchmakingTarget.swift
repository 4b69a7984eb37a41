import Foundation
import GameOrchestrator
import Hummingbird
import Logging
import Matchmaker
import MatchmakingCore
import MatchmakingGateway
import MatchmakingTelemetry
import RedisClient
import RedisServerProcess
import ServiceLifecycle
import Testing

/// The matchmaking reference target in this process, for end-to-end tests: its own redis-server, the gateway on a
/// free loopback port and matchmaker workers — and, when asked, the game orchestrator with its WebSocket proxy,
/// starting real `matchmaking-gameserver` processes (the executable beside the test binary) for every match.
/// ``run(workers:settings:orchestrator:_:)`` starts all of it and stops all of it.
struct LocalMatchmakingTarget: Sendable {
    /// `http://127.0.0.1:PORT` of the gateway.
    let gatewayURL: String
    /// `http://127.0.0.1:PORT` of the orchestrator, when one runs.
    let orchestratorURL: String?
    /// A client of the target's Redis.
    let redis: RedisClient
    /// The orchestrator, when one runs.
    let orchestrator: Orchestrator?

    /// Starts the target (with an orchestrator when `orchestrator` settings are given), runs `body` with it, stops
    /// it (also when `body` throws): the gateway and the matchmaker first, then the orchestrator, which terminates
    /// and reaps its game servers, then Redis.
    static func run<T: Sendable>(
        workers: Int = 2, settings: MatchmakingSettings = MatchmakingSettings(), orchestrator: OrchestratorSettings? = nil,
        _ body: @Sendable (LocalMatchmakingTarget) async throws -> T
    ) async throws -> T {
        let server = try await RedisServer.start()
        let redis = RedisClient(configuration: RedisConfiguration(host: server.host, port: server.port, poolSize: 4))
        var logger = Logger(label: "e2e-target")
        // STAMPEDE_E2E_LOG=debug (or info, …) shows the target's logs when a test needs diagnosing.
        logger.logLevel = ProcessInfo.processInfo.environment["STAMPEDE_E2E_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        defer {
            redis.close()
            server.stop()
        }
        guard var orchestratorSettings = orchestrator else {
            return try await runMatchmaking(
                redis: redis, workers: workers, settings: settings, orchestrator: nil, logger: logger, body)
        }
        orchestratorSettings.host = "127.0.0.1"
        orchestratorSettings.port = 0
        orchestratorSettings.keyPrefix = settings.keyPrefix
        let backend = ProcessBackend(logger: logger)
        try #require(
            FileManager.default.isExecutableFile(atPath: backend.executablePath),
            "no \(backend.executablePath): build it first (`swift build`, as `make test` does)")
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let stack = OrchestratorStack(
            settings: orchestratorSettings, backend: backend, redis: redis, telemetry: ServiceTelemetry(), logger: logger,
            onServerRunning: { port in
                portContinuation.yield(port)
                portContinuation.finish()
            })
        var configuration = ServiceGroupConfiguration(services: stack.services.map { .init(service: $0) }, logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(15)
        let services = ServiceGroup(configuration: configuration)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            let result: Result<T, any Error>
            do {
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next(), port > 0 else { throw LocalTargetError.didNotStart }
                result = .success(try await runMatchmaking(
                    redis: redis, workers: workers, settings: settings,
                    orchestrator: (url: "http://127.0.0.1:\(port)", stack.orchestrator), logger: logger, body))
            } catch {
                result = .failure(error)
            }
            await services.triggerGracefulShutdown()
            try? await group.waitForAll()
            await stack.orchestrator.shutdown()
            return try result.get()
        }
    }

    /// Runs the gateway and the matchmaker (allocating on the orchestrator, when given) around `body`.
    private static func runMatchmaking<T: Sendable>(
        redis: RedisClient, workers: Int, settings: MatchmakingSettings, orchestrator: (url: String, Orchestrator)?,
        logger: Logger, _ body: @Sendable (LocalMatchmakingTarget) async throws -> T
    ) async throws -> T {
        let telemetry = ServiceTelemetry()
        let tickets = RedisTicketService(redis: redis, settings: settings, metricsFactory: telemetry.factory)
        defer { tickets.shutdown() }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var gatewaySettings = GatewaySettings()
        gatewaySettings.host = "127.0.0.1"
        gatewaySettings.port = 0
        let app = GatewayApplication.make(
            settings: gatewaySettings, redis: redis, tickets: tickets, telemetry: telemetry, logger: logger,
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            })
        let recorder = RecordingAllocator(redis: redis, settings: settings)
        let allocator: any MatchAllocator = orchestrator.map { OrchestratorAllocator(orchestratorURL: $0.url, recorder: recorder) } ?? recorder
        let worker = MatchmakerWorker(
            redis: redis, settings: settings, allocator: allocator,
            metrics: MatchmakingMetrics(factory: ServiceTelemetry().factory), options: MatchmakerOptions(workers: workers),
            logger: logger)
        var configuration = ServiceGroupConfiguration(services: [.init(service: app), .init(service: worker)], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(2)
        let services = ServiceGroup(configuration: configuration)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            do {
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next(), port > 0 else { throw LocalTargetError.didNotStart }
                let result = try await body(LocalMatchmakingTarget(
                    gatewayURL: "http://127.0.0.1:\(port)", orchestratorURL: orchestrator?.url, redis: redis,
                    orchestrator: orchestrator?.1))
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }
}

/// The local target could not start.
enum LocalTargetError: Error {
    /// A service never reported its port.
    case didNotStart
}
