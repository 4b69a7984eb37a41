import Logging
import MatchmakingCore
import MatchmakingTelemetry
import NIOCore
import RedisClient
import ServiceLifecycle

extension GameProxy: MatchFailureNotifier {}

/// A whole orchestrator, ready to run: the match table, the ``GameProxy`` routing by it, the ``Orchestrator``
/// telling the proxy about failed matches, and the services serving both (see ``OrchestratorApplication``).
public struct OrchestratorStack: Sendable {
    /// The orchestrator.
    public let orchestrator: Orchestrator
    /// The WebSocket proxy in front of the game servers.
    public let proxy: GameProxy
    /// The services to run in one `ServiceGroup` (in this order).
    public let services: [any Service]

    /// Assembles an orchestrator with `settings` on `backend`, Redis `redis` (session tokens for the proxy, match
    /// outcomes), metrics on `telemetry`; `onServerRunning` gets the bound port.
    public init(
        settings: OrchestratorSettings, backend: any GameServerBackend, redis: RedisClient, telemetry: ServiceTelemetry,
        eventLoopGroup: (any EventLoopGroup)? = nil, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        let table = MatchTable(retention: settings.retention, maxRetained: settings.maxRetained)
        let proxy = GameProxy(directory: table, sessions: SessionLookup(redis: redis), telemetry: telemetry, logger: logger)
        let orchestrator = Orchestrator(
            settings: settings, backend: backend, table: table, redis: redis, notifier: proxy, telemetry: telemetry,
            logger: logger
        )
        self.orchestrator = orchestrator
        self.proxy = proxy
        services = OrchestratorApplication.services(
            orchestrator: orchestrator, telemetry: telemetry, webSocketRouter: proxy.makeWebSocketRouter(),
            eventLoopGroup: eventLoopGroup, logger: logger, onServerRunning: onServerRunning
        )
    }
}
