import Hummingbird
import HummingbirdWebSocket
import Logging
import MatchmakingTelemetry
import NIOCore
import ServiceLifecycle

/// A game server hosting one match over WebSocket, as a service: it runs until the match ends, then stops.
///
/// Routes: `GET /game/{matchId}/connect` (WebSocket upgrade; other match ids get 404), `GET /health` (`ok`),
/// `GET /metrics` (Prometheus text). Clients send `{"type":"join","player":ID}` first, then
/// `{"type":"input","dx":..,"dy":..,"seq":N}`; the server answers each input with `{"type":"ack","seq":N}`,
/// broadcasts `{"type":"state","tick":N,"players":{...}}` at the tick rate, and `{"type":"end","reason":...}` at
/// the end. Graceful shutdown ends the match as `terminated`.
public struct GameServerService: Service {
    private let settings: GameServerSettings
    private let telemetry: ServiceTelemetry
    private let logger: Logger
    private let onServerRunning: @Sendable (Int) async -> Void
    private let onMatchEnd: @Sendable (MatchResult) async -> Void
    private let eventLoopGroup: (any EventLoopGroup)?

    /// A server for `settings`, with metrics on `telemetry`. `onServerRunning` gets the bound port;
    /// `onMatchEnd` gets the result once the match is over (before the server stops). `eventLoopGroup` is the
    /// group the server runs on (nil: NIO's shared singleton, one thread per core); the caller owns it and shuts
    /// it down after the service has stopped.
    public init(
        settings: GameServerSettings,
        telemetry: ServiceTelemetry = ServiceTelemetry(),
        logger: Logger = Logger(label: "matchmaking-gameserver"),
        eventLoopGroup: (any EventLoopGroup)? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in },
        onMatchEnd: @escaping @Sendable (MatchResult) async -> Void = { _ in }
    ) {
        self.settings = settings
        self.telemetry = telemetry
        self.logger = logger
        self.onServerRunning = onServerRunning
        self.onMatchEnd = onMatchEnd
        self.eventLoopGroup = eventLoopGroup
    }

    /// Serves the match until it ends, then stops the server.
    public func run() async throws {
        _ = try await play()
    }

    /// Serves the match until it ends, stops the server, and returns the match's result.
    public func play() async throws -> MatchResult {
        let match = GameMatch(settings: settings, metrics: GameMetrics(telemetry: telemetry))
        let server = ServiceGroup(configuration: .init(services: [makeApplication(match: match)], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // Detached: the HTTP server must not see the graceful shutdown that ends the match (task-local,
                // inherited by child tasks), or it would drop the players before they are told the match ended.
                let serving = Task.detached {
                    do {
                        try await server.run()
                    } catch {
                        match.requestTermination()
                        throw error
                    }
                }
                try await withTaskCancellationHandler {
                    try await serving.value
                } onCancel: {
                    serving.cancel()
                }
            }
            let reason = await withGracefulShutdownHandler {
                await match.play()
            } onGracefulShutdown: {
                match.requestTermination()
            }
            let result = match.finish(reason)
            logger.info("match ended", metadata: ["result": "\(result.json)"])
            await onMatchEnd(result)
            await match.waitForDisconnects(upTo: .seconds(2))
            await server.triggerGracefulShutdown()
            try await group.waitForAll()
            return result
        }
    }

    private func makeApplication(match: GameMatch) -> some Service {
        let matchId = settings.matchId
        let maxMessageSize = settings.maxMessageSize
        let logger = logger
        let webSocketRouter = Router(context: BasicWebSocketRequestContext.self)
        webSocketRouter.ws("/game/{matchId}/connect", shouldUpgrade: { _, context in
            guard context.parameters.get("matchId") == matchId else { throw HTTPError(.notFound) }
            return .upgrade([:])
        }) { inbound, outbound, _ in
            try await PlayerConnection(
                match: match, inbound: inbound, outbound: outbound, maxMessageSize: maxMessageSize, logger: logger
            ).run()
        }
        let router = Router()
        router.get("/health") { _, _ in "ok" }
        router.addMetricsRoute(telemetry)
        let onServerRunning = onServerRunning
        return Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: webSocketRouter),
            configuration: .init(address: .hostname(settings.host, port: settings.port)),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            eventLoopGroupProvider: eventLoopGroup.map { .shared($0) } ?? .singleton,
            logger: logger
        )
    }
}
