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

/// A ``MatchDirectory`` whose routes the test sets.
final class TestMatchDirectory: MatchDirectory {
    private let routes = Mutex<[String: MatchRoute]>([:])

    /// Routes match `matchId` (for `players`) to a game server on 127.0.0.1:`port`.
    func add(_ matchId: String, players: Set<String>, port: Int) {
        routes.withLock { $0[matchId] = MatchRoute(matchId: matchId, players: players, upstreamHost: "127.0.0.1", upstreamPort: port) }
    }

    func route(for matchId: String) -> MatchRoute? {
        routes.withLock { $0[matchId] }
    }
}

/// The proxy under test: its own redis-server for sessions, a ``TestMatchDirectory``, and a ``GameProxy`` served by a
/// Hummingbird application on 127.0.0.1 and a free port. ``run(_:)`` starts all of it and stops all of it.
struct ProxyTestRig: Sendable {
    /// The proxy's port.
    let port: Int
    /// The proxy.
    let proxy: GameProxy
    /// Its routes.
    let directory: TestMatchDirectory
    /// The proxy's metrics.
    let telemetry: ServiceTelemetry
    /// A client of the sessions' Redis.
    let redis: RedisClient

    /// Starts Redis and the proxy (with `upstreamConnectTimeout`), runs `body`, and stops everything.
    static func run<T: Sendable>(
        upstreamConnectTimeout: Duration = .seconds(5), _ body: @Sendable (ProxyTestRig) async throws -> T
    ) async throws -> T {
        let server = try await RedisServer.start()
        let redis = RedisClient(configuration: RedisConfiguration(host: server.host, port: server.port, poolSize: 2))
        defer {
            redis.close()
            server.stop()
        }
        var logger = Logger(label: "proxy-test")
        logger.logLevel = .critical
        let telemetry = ServiceTelemetry()
        let directory = TestMatchDirectory()
        let proxy = GameProxy(
            directory: directory, sessions: SessionLookup(redis: redis), telemetry: telemetry, logger: logger,
            upstreamConnectTimeout: upstreamConnectTimeout
        )
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: Router(),
            server: .http1WebSocketUpgrade(webSocketRouter: proxy.makeWebSocketRouter()),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        var configuration = ServiceGroupConfiguration(services: [app], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(1)
        let services = ServiceGroup(configuration: configuration)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            let outcome: Result<T, any Error>
            do {
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next(), port > 0 else { throw ProxyTestError.didNotStart }
                let rig = ProxyTestRig(port: port, proxy: proxy, directory: directory, telemetry: telemetry, redis: redis)
                outcome = .success(try await body(rig))
            } catch {
                outcome = .failure(error)
            }
            await services.triggerGracefulShutdown()
            try? await group.waitForAll()
            return try outcome.get()
        }
    }

    /// A session token of `player`, written the way the gateway writes it (expiring in `seconds`; negative: expired).
    func login(_ player: String, expiresIn seconds: Int = 600) async throws -> String {
        let token = (0..<32).map { _ in String("0123456789abcdef".randomElement()!) }.joined()
        let expiresAt = Int(Date().timeIntervalSince1970) + seconds
        _ = try await redis.send([
            "SET", SessionLookup.key(for: token), SessionLookup.value(player: player, expiresAt: expiresAt), "EX", "600",
        ])
        return token
    }

    /// The HTTP status the proxy answers a WebSocket upgrade of `path` with (sending `Authorization: Bearer token` if
    /// `bearer` is given).
    func upgradeStatus(_ path: String, bearer: String? = nil) async throws -> Int {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.headers.add(name: "Connection", value: "Upgrade")
        request.headers.add(name: "Upgrade", value: "websocket")
        request.headers.add(name: "Sec-WebSocket-Version", value: "13")
        request.headers.add(name: "Sec-WebSocket-Key", value: "dGhlIHNhbXBsZSBub25jZQ==")
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        _ = try await response.body.collect(upTo: 1 << 16)
        return Int(response.status.code)
    }

    /// The value of the sample `series` (name and labels as exposed, e.g. `x_total{outcome="admitted"}`) on /metrics.
    func metric(_ series: String) -> Double? {
        let text = String(decoding: telemetry.exposition(), as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}

/// The proxy under test did not start.
enum ProxyTestError: Error {
    /// No port came.
    case didNotStart
    /// The game server process did not say where it listens.
    case gameServerDidNotStart(String)
}
