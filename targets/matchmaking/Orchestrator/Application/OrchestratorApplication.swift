import Hummingbird
import HummingbirdWebSocket
import Logging
import MatchmakingTelemetry
import NIOCore
import ServiceLifecycle

/// Puts the orchestrator together: one Hummingbird application serving the HTTP API (``OrchestratorRoutes``,
/// `GET /health`, `GET /metrics`) and the WebSocket routes of `webSocketRouter` (the proxy's
/// `GET /game/{matchId}/connect`), and a service that shuts the orchestrator down gracefully.
public enum OrchestratorApplication {
    /// The services to run in one `ServiceGroup`, in this order: the application, then the orchestrator's
    /// shutdown. On graceful shutdown the orchestrator goes first (refuses allocations, terminates and reaps every
    /// game server), then the application stops. `onServerRunning` gets the bound port.
    public static func services<WebSocketContext: WebSocketRequestContext>(
        orchestrator: Orchestrator, telemetry: ServiceTelemetry, webSocketRouter: Router<WebSocketContext>,
        eventLoopGroup: (any EventLoopGroup)? = nil, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> [any Service] {
        let router = Router()
        router.add(middleware: HTTPMetricsMiddleware(telemetry: telemetry))
        router.add(middleware: JSONErrorMiddleware())
        router.get("/health") { _, _ in "ok" }
        router.addMetricsRoute(telemetry)
        OrchestratorRoutes.add(to: router, orchestrator: orchestrator)
        let host = orchestrator.settings.host
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: webSocketRouter),
            configuration: .init(address: .hostname(host, port: orchestrator.settings.port), serverName: "matchmaking-orchestrator"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                orchestrator.serverBound(host: host, port: port)
                await onServerRunning(port)
            },
            eventLoopGroupProvider: eventLoopGroup.map { .shared($0) } ?? .singleton,
            logger: logger
        )
        return [app, OrchestratorShutdown(orchestrator: orchestrator)]
    }
}

/// Waits for the graceful shutdown, then shuts the orchestrator down (every game server terminated and reaped).
struct OrchestratorShutdown: Service {
    let orchestrator: Orchestrator

    func run() async throws {
        try? await gracefulShutdown()
        await orchestrator.shutdown()
    }
}
