import AsyncHTTPClient
import Foundation
import GameOrchestrator
import Hummingbird
import HummingbirdWebSocket
import Logging
import MatchmakingCore
import MatchmakingTelemetry
import NIOCore
import NIOHTTP1
import RedisClient
import RedisServerProcess
import ServiceLifecycle
import Synchronization
import Testing

/// A whole orchestrator in-process for tests: its own redis-server, real `matchmaking-gameserver` child processes
/// (the executable beside the test binary: `swift build --product matchmaking-gameserver` first), the HTTP API and
/// the proxy on 127.0.0.1 and a free port. ``run(settings:backend:notifier:_:)`` starts all of it and stops all of
/// it (every game server reaped).
struct OrchestratorTestServer: Sendable {
    /// The orchestrator's port (HTTP API and proxy).
    let port: Int
    /// A client of its Redis.
    let redis: RedisClient
    /// The orchestrator.
    let orchestrator: Orchestrator
    /// The proxy (nil when a `notifier` replaced it).
    let proxy: GameProxy?
    /// Its metrics.
    let telemetry: ServiceTelemetry
    /// An HTTP client.
    let http: HTTPClient
    /// Shuts the orchestrator down gracefully and waits until every game server has been reaped.
    let stop: @Sendable () async -> Void

    /// Starts Redis and an orchestrator with `settings` (host and port replaced) on `backend` (default: the process
    /// backend), with the real proxy, or with `notifier` instead of it (then no WebSocket route); runs `body`, stops.
    static func run<T: Sendable>(
        settings: OrchestratorSettings = OrchestratorSettings(), backend: (any GameServerBackend)? = nil,
        notifier: (any MatchFailureNotifier)? = nil, _ body: @Sendable (OrchestratorTestServer) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "orchestrator-test")
        // ORCHESTRATOR_TEST_LOG=debug shows the orchestrator's, the proxy's and the game servers' logs.
        logger.logLevel = ProcessInfo.processInfo.environment["ORCHESTRATOR_TEST_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .critical
        let backend = backend ?? ProcessBackend(logger: logger)
        if let processes = backend as? ProcessBackend {
            try #require(
                FileManager.default.isExecutableFile(atPath: processes.executablePath),
                "no \(processes.executablePath): run `swift build --product matchmaking-gameserver` first"
            )
        }
        let server = try await RedisServer.start()
        let redis = RedisClient(configuration: RedisConfiguration(host: server.host, port: server.port, poolSize: 4))
        defer {
            redis.close()
            server.stop()
        }
        var settings = settings
        settings.host = "127.0.0.1"
        settings.port = 0
        let telemetry = ServiceTelemetry()
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let onServerRunning: @Sendable (Int) async -> Void = { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let orchestrator: Orchestrator
        let proxy: GameProxy?
        let services: [any Service]
        if let notifier {
            orchestrator = Orchestrator(
                settings: settings, backend: backend, table: MatchTable(), redis: redis, notifier: notifier,
                telemetry: telemetry, logger: logger
            )
            proxy = nil
            services = OrchestratorApplication.services(
                orchestrator: orchestrator, telemetry: telemetry,
                webSocketRouter: Router(context: BasicWebSocketRequestContext.self), logger: logger,
                onServerRunning: onServerRunning
            )
        } else {
            let stack = OrchestratorStack(
                settings: settings, backend: backend, redis: redis, telemetry: telemetry, logger: logger,
                onServerRunning: onServerRunning
            )
            (orchestrator, proxy, services) = (stack.orchestrator, stack.proxy, stack.services)
        }
        var configuration = ServiceGroupConfiguration(services: services.map { .init(service: $0) }, logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(15)
        let group = ServiceGroup(configuration: configuration)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let result: Result<T, any Error> = await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let outcome: Result<T, any Error>
            do {
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next(), port > 0 else { throw OrchestratorTestError.didNotStart }
                let harness = OrchestratorTestServer(
                    port: port, redis: redis, orchestrator: orchestrator, proxy: proxy, telemetry: telemetry, http: http,
                    stop: {
                        await group.triggerGracefulShutdown()
                        await orchestrator.shutdown()
                    }
                )
                outcome = .success(try await body(harness))
            } catch {
                outcome = .failure(error)
            }
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            await orchestrator.shutdown()
            return outcome
        }
        try? await http.shutdown()
        #expect(orchestrator.liveServers == 0, "game servers left running")
        return try result.get()
    }

    /// Sends `method path` (with a JSON `body`, sent as is) and answers the status and body.
    func send(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> GatewayReply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return GatewayReply(
            status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type") ?? "",
            text: String(buffer: bytes)
        )
    }

    /// `POST /allocations` for `matchId` with `players`.
    func allocate(_ matchId: String, players: [String] = ["p1", "p2"]) async throws -> GatewayReply {
        let list = players.map { "\"\($0)\"" }.joined(separator: ",")
        return try await send(.POST, "/allocations", body: #"{"matchId":"\#(matchId)","region":"eu","players":[\#(list)]}"#)
    }

    /// Waits (up to `timeout`) until `matchId` is in state `name`; answers its last snapshot.
    func waitForState(_ matchId: String, _ name: String, timeout: Duration = .seconds(10)) async -> MatchSnapshot? {
        _ = await eventually(timeout: timeout) { orchestrator.table.snapshot(matchId)?.state.name == name }
        return orchestrator.table.snapshot(matchId)
    }

    /// The process id of `matchId`'s game server while it runs.
    func gameServerPID(_ matchId: String) -> Int32? {
        (orchestrator.table.server(for: matchId) as? ProcessGameServer)?.processIdentifier
    }

    /// A session token of `player`, written the way the gateway writes it (for the proxy).
    func login(_ player: String) async throws -> String {
        let token = (0..<32).map { _ in String("0123456789abcdef".randomElement()!) }.joined()
        let expiresAt = Int(Date().timeIntervalSince1970) + 600
        _ = try await redis.send([
            "SET", SessionLookup.key(for: token), SessionLookup.value(player: player, expiresAt: expiresAt), "EX", "600",
        ])
        return token
    }

    /// The value of one metric series (`name{labels}` exactly as exposed).
    func metric(_ series: String) -> Double? {
        sample(telemetry.registry, series)
    }
}

/// Records the matches the orchestrator reported failed (a stand-in for the proxy).
final class RecordingFailureNotifier: MatchFailureNotifier {
    private let failures = Mutex<[(matchId: String, reason: String)]>([])

    /// Every failure reported, in order.
    var reported: [(matchId: String, reason: String)] { failures.withLock { $0 } }

    func failMatch(_ matchId: String, reason: String) async {
        failures.withLock { $0.append((matchId, reason)) }
    }
}

/// The orchestrator under test did not report a port.
enum OrchestratorTestError: Error {
    /// No port came.
    case didNotStart
}
