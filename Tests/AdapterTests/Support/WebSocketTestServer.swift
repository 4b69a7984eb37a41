import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import Synchronization

/// A real WebSocket server for adapter tests, on 127.0.0.1 and a free port, started and stopped by ``run(_:)``.
///
/// WebSocket routes:
/// - `/echo` — sends every text message back.
/// - `/greet` — sends ``greeting`` at once, then echoes.
/// - `/delayed` — answers every message with `late: MESSAGE` after ``replyDelay``.
/// - `/close` — closes the connection (normal close, reason `bye`) as soon as the first message arrives.
///   Closing before any message would be racy to test: the WebSocket client loses a close frame and the
///   server's half-close when they come in the same TCP read as the `101 Switching Protocols` (seen with
///   strace under load), leaving the player waiting instead of seeing `closed`.
/// - `/whoami` — sends the value of the `x-player` header of the handshake, then echoes.
/// - `/flood` — sends `0`, `1`, … `N-1` (``floodCount``) at once, then waits for the client to close.
/// - `/slow-upgrade` — accepts the upgrade only after ``slowUpgradeDelay``, then echoes.
///
/// HTTP route: `GET /plain` answers `plain` without upgrading.
///
/// Every WebSocket connection is counted in ``stats`` when it opens and when its handler ends.
struct WebSocketTestServer: Sendable {
    /// The port the server listens on.
    let port: Int
    /// Connections seen.
    let stats: WebSocketServerStats

    /// `ws://127.0.0.1:PORT`.
    var baseURL: String { "ws://127.0.0.1:\(port)" }

    /// What `/greet` sends first.
    static let greeting = #"{"type":"welcome","id":42,"room":{"name":"lobby"}}"#
    /// How long `/delayed` waits before replying.
    static let replyDelay: Duration = .milliseconds(400)
    /// How many messages `/flood` sends.
    static let floodCount = 1_006
    /// How long `/slow-upgrade` takes to accept the upgrade.
    static let slowUpgradeDelay: Duration = .milliseconds(800)

    /// Starts a server, runs `body` with it, and stops it (also when `body` throws).
    static func run<T: Sendable>(_ body: @Sendable (WebSocketTestServer) async throws -> T) async throws -> T {
        let stats = WebSocketServerStats()
        let webSocketRouter = Router(context: BasicWebSocketRequestContext.self)
        addRoutes(to: webSocketRouter, stats: stats)
        let router = Router()
        router.get("/plain") { _, _ in "plain" }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "websocket-test-server")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: webSocketRouter),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw WebSocketTestServerError.didNotStart }
            return try await body(WebSocketTestServer(port: port, stats: stats))
        }
    }

    private static func addRoutes(to router: Router<BasicWebSocketRequestContext>, stats: WebSocketServerStats) {
        router.ws("/echo") { inbound, outbound, _ in
            try await stats.track { try await echo(inbound, outbound) }
        }
        router.ws("/greet") { inbound, outbound, _ in
            try await stats.track {
                try await outbound.write(.text(greeting))
                try await echo(inbound, outbound)
            }
        }
        router.ws("/delayed") { inbound, outbound, _ in
            try await stats.track {
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message else { continue }
                    try await Task.sleep(for: replyDelay)
                    try await outbound.write(.text("late: \(text)"))
                }
            }
        }
        router.ws("/close") { inbound, outbound, _ in
            try await stats.track {
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                _ = try await messages.next()
                try await outbound.close(.normalClosure, reason: "bye")
                while try await messages.next() != nil {}
            }
        }
        router.ws("/whoami") { inbound, outbound, context in
            try await stats.track {
                let player = context.request.headers[HTTPField.Name("x-player")!] ?? "nobody"
                try await outbound.write(.text(player))
                try await echo(inbound, outbound)
            }
        }
        router.ws("/flood") { inbound, outbound, _ in
            try await stats.track {
                for index in 0..<floodCount { try await outbound.write(.text(String(index))) }
                for try await _ in inbound.messages(maxSize: 1 << 20) {}
            }
        }
        router.ws("/slow-upgrade", shouldUpgrade: { _, _ in
            try await Task.sleep(for: slowUpgradeDelay)
            return .upgrade([:])
        }) { inbound, outbound, _ in
            try await stats.track { try await echo(inbound, outbound) }
        }
    }

    /// Sends every text message back until the client closes.
    private static func echo(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter) async throws {
        for try await message in inbound.messages(maxSize: 1 << 20) {
            if case .text(let text) = message { try await outbound.write(.text(text)) }
        }
    }
}

/// The test server did not report a port.
enum WebSocketTestServerError: Error {
    /// No port came.
    case didNotStart
}

/// WebSocket connections a test server has seen.
final class WebSocketServerStats: Sendable {
    private let counts = Mutex((opened: 0, ended: 0))

    /// Connections opened so far.
    var opened: Int { counts.withLock { $0.opened } }
    /// Connections whose handler ended (the client closed or the connection dropped).
    var ended: Int { counts.withLock { $0.ended } }
    /// Connections open now.
    var open: Int { counts.withLock { $0.opened - $0.ended } }

    /// Runs a connection's handler, counting it as open meanwhile.
    func track(_ handler: () async throws -> Void) async rethrows {
        counts.withLock { $0.opened += 1 }
        defer { counts.withLock { $0.ended += 1 } }
        try await handler()
    }

    /// Waits (up to `limit`) until `condition` holds; returns whether it did.
    func wait(upTo limit: Duration = .seconds(5), until condition: (WebSocketServerStats) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(self)
    }
}
