import Foundation
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
/// free loopback port and matchmaker workers. ``run(workers:settings:_:)`` starts all of it and stops all of it.
struct LocalMatchmakingTarget: Sendable {
    /// `http://127.0.0.1:PORT` of the gateway.
    let gatewayURL: String
    /// A client of the target's Redis.
    let redis: RedisClient

    /// Starts the target, runs `body` with it, stops it (also when `body` throws).
    static func run<T: Sendable>(
        workers: Int = 2, settings: MatchmakingSettings = MatchmakingSettings(),
        _ body: @Sendable (LocalMatchmakingTarget) async throws -> T
    ) async throws -> T {
        let server = try await RedisServer.start()
        let redis = RedisClient(configuration: RedisConfiguration(host: server.host, port: server.port, poolSize: 4))
        let telemetry = ServiceTelemetry()
        let tickets = RedisTicketService(redis: redis, settings: settings, metricsFactory: telemetry.factory)
        var logger = Logger(label: "e2e-target")
        logger.logLevel = .critical
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
        let worker = MatchmakerWorker(
            redis: redis, settings: settings, allocator: RecordingAllocator(redis: redis, settings: settings),
            metrics: MatchmakingMetrics(factory: ServiceTelemetry().factory), options: MatchmakerOptions(workers: workers),
            logger: logger)
        var configuration = ServiceGroupConfiguration(services: [.init(service: app), .init(service: worker)], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(2)
        let services = ServiceGroup(configuration: configuration)
        defer {
            tickets.shutdown()
            redis.close()
            server.stop()
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            do {
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next(), port > 0 else { throw LocalTargetError.didNotStart }
                let result = try await body(LocalMatchmakingTarget(gatewayURL: "http://127.0.0.1:\(port)", redis: redis))
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
    /// The gateway never reported its port.
    case didNotStart
}
