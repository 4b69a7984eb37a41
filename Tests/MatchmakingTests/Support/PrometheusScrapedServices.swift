import AsyncHTTPClient
import GameOrchestrator
import Logging
import Matchmaker
import MatchmakingCore
import MatchmakingGateway
import MatchmakingTelemetry
import RedisClient
import RedisServerProcess
import ServiceLifecycle
import Synchronization
import Testing

/// The reference target's services as Prometheus sees them, in-process on 127.0.0.1 and free ports: a real
/// redis-server, the game orchestrator (process backend: a real `matchmaking-gameserver` per match), the matchmaker
/// (its workers, allocating on the orchestrator, and its `/metrics` app) and the gateway, each with its own telemetry.
struct PrometheusScrapedServices: Sendable {
    /// The gateway, with an HTTP client to call it.
    let gateway: GatewayTestServer
    /// The port of the matchmaker's `/metrics` app.
    let matchmakerPort: Int
    /// The orchestrator's port.
    let orchestratorPort: Int

    /// The scrape jobs, named as in `targets/matchmaking/deploy/prometheus.yml` (the dashboards filter on them).
    var jobs: [PrometheusServer.Job] {
        [
            PrometheusServer.Job(name: "gateway", targets: ["127.0.0.1:\(gateway.port)"]),
            PrometheusServer.Job(name: "matchmaker", targets: ["127.0.0.1:\(matchmakerPort)"]),
            PrometheusServer.Job(name: "orchestrator", targets: ["127.0.0.1:\(orchestratorPort)"]),
        ]
    }

    /// Starts Redis, the orchestrator, then the matchmaker (FIFO, one worker, housekeeping every 200 ms) and the
    /// gateway; runs `body`; stops everything (gracefully: gateway and matchmaker, then the orchestrator and its game
    /// servers, Redis last) whether `body` threw or not.
    static func run<T: Sendable>(_ body: @Sendable (PrometheusScrapedServices) async throws -> T) async throws -> T {
        let server = try await RedisServer.start()
        let redis = RedisClient(configuration: RedisConfiguration(host: server.host, port: server.port, poolSize: 4))
        let matchmaking = MatchmakingSettings()
        var logger = Logger(label: "prometheus-test")
        logger.logLevel = .critical
        let ports = ServicePorts()
        let stack = OrchestratorStack(
            settings: OrchestratorSettings(host: "127.0.0.1", port: 0), backend: ProcessBackend(logger: logger), redis: redis,
            telemetry: ServiceTelemetry(), logger: logger, onServerRunning: { port in ports.post("orchestrator", port) }
        )
        var orchestratorConfiguration = ServiceGroupConfiguration(services: stack.services.map { .init(service: $0) }, logger: logger)
        orchestratorConfiguration.maximumGracefulShutdownDuration = .seconds(5)
        let orchestratorGroup = ServiceGroup(configuration: orchestratorConfiguration)
        defer {
            redis.close()
            server.stop()
        }
        let result: Result<T, any Error> = await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await orchestratorGroup.run() }
            let outcome: Result<T, any Error>
            do {
                let orchestratorPort = try await ports.wait(for: ["orchestrator"], timeout: .seconds(10))["orchestrator"]!
                outcome = .success(try await runMatchmaking(
                    redis: redis, matchmaking: matchmaking, orchestratorPort: orchestratorPort, ports: ports, logger: logger, body
                ))
            } catch {
                outcome = .failure(error)
            }
            await orchestratorGroup.triggerGracefulShutdown()
            try? await group.waitForAll()
            await stack.orchestrator.shutdown()
            return outcome
        }
        #expect(stack.orchestrator.liveServers == 0, "game servers left running")
        return try result.get()
    }

    /// Starts the matchmaker (allocating on the orchestrator at `orchestratorPort`) and the gateway, runs `body`, and
    /// stops both.
    private static func runMatchmaking<T: Sendable>(
        redis: RedisClient, matchmaking: MatchmakingSettings, orchestratorPort: Int, ports: ServicePorts, logger: Logger,
        _ body: @Sendable (PrometheusScrapedServices) async throws -> T
    ) async throws -> T {
        let gatewayTelemetry = ServiceTelemetry()
        let tickets = RedisTicketService(redis: redis, settings: matchmaking, metricsFactory: gatewayTelemetry.factory)
        var settings = GatewaySettings()
        settings.host = "127.0.0.1"
        settings.port = 0
        let gatewayApp = GatewayApplication.make(
            settings: settings, redis: redis, tickets: tickets, telemetry: gatewayTelemetry, logger: logger,
            onServerRunning: { channel in ports.post("gateway", channel.localAddress?.port ?? 0) }
        )
        let matchmakerTelemetry = ServiceTelemetry()
        let worker = MatchmakerWorker(
            redis: redis, settings: matchmaking,
            allocator: OrchestratorAllocator(
                orchestratorURL: "http://127.0.0.1:\(orchestratorPort)", recorder: RecordingAllocator(redis: redis, settings: matchmaking)
            ),
            metrics: MatchmakerHTTP.metrics(on: matchmakerTelemetry),
            options: MatchmakerOptions(workers: 1, housekeepingInterval: .milliseconds(200)), logger: logger
        )
        let matchmakerApp = MatchmakerHTTP.application(telemetry: matchmakerTelemetry, port: 0, logger: logger) { port in
            ports.post("matchmaker", port)
        }
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: gatewayApp), .init(service: worker), .init(service: matchmakerApp)], logger: logger
        )
        configuration.maximumGracefulShutdownDuration = .seconds(2)
        let services = ServiceGroup(configuration: configuration)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { tickets.shutdown() }
        let result: Result<T, any Error> = await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            let outcome: Result<T, any Error>
            do {
                let bound = try await ports.wait(for: ["gateway", "matchmaker"], timeout: .seconds(10))
                let gateway = GatewayTestServer(port: bound["gateway"]!, redis: redis, tickets: tickets, http: http)
                outcome = .success(try await body(PrometheusScrapedServices(
                    gateway: gateway, matchmakerPort: bound["matchmaker"]!, orchestratorPort: orchestratorPort
                )))
            } catch {
                outcome = .failure(error)
            }
            await services.triggerGracefulShutdown()
            try? await group.waitForAll()
            return outcome
        }
        try? await http.shutdown()
        return try result.get()
    }
}

/// The ports the services report once bound, by service name.
private final class ServicePorts: Sendable {
    private let ports = Mutex<[String: Int]>([:])

    /// Records that `service` listens on `port` (0: it did not bind).
    func post(_ service: String, _ port: Int) {
        ports.withLock { $0[service] = port }
    }

    /// Waits until every one of `services` has posted a port; throws if one did not bind or `timeout` passed.
    func wait(for services: [String], timeout: Duration) async throws -> [String: Int] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let known = ports.withLock { $0 }
            if let failed = services.first(where: { known[$0] == 0 }) { throw PrometheusScrapedServicesError.didNotStart(failed) }
            if services.allSatisfy({ known[$0] != nil }) { return known }
            if ContinuousClock.now > deadline {
                throw PrometheusScrapedServicesError.didNotStart(services.first { known[$0] == nil } ?? "?")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// A service of the test did not start.
enum PrometheusScrapedServicesError: Error, CustomStringConvertible {
    /// The named service reported no port in time.
    case didNotStart(String)

    var description: String {
        switch self {
        case .didNotStart(let service): "the \(service) did not start listening within 10 s"
        }
    }
}
