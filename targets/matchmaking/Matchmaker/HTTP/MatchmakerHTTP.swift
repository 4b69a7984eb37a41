import Hummingbird
import Logging
import MatchmakingCore
import MatchmakingTelemetry
import NIOPosix
import Prometheus
import ServiceLifecycle

/// The matchmaker's small HTTP app: `GET /metrics` (Prometheus text) and `GET /health` (`ok`).
public enum MatchmakerHTTP {
    /// The matchmaking metrics on `telemetry`'s registry, with histogram buckets suited to queue times and MMR
    /// spreads.
    public static func metrics(on telemetry: ServiceTelemetry) -> MatchmakingMetrics {
        var factory = telemetry.factory
        factory.durationHistogramBuckets["matchmaking_queue_time_seconds"] = MatchmakingMetrics.queueTimeBuckets
        factory.valueHistogramBuckets["matchmaking_match_skill_spread"] = MatchmakingMetrics.skillSpreadBuckets
        return MatchmakingMetrics(factory: factory)
    }

    /// The app, listening on `host:port` (0: a free port, reported to `onListening`), on `threads` event loops
    /// (nil: the shared singleton group).
    public static func application(
        telemetry: ServiceTelemetry, host: String = "127.0.0.1", port: Int = 0, threads: Int? = nil,
        logger: Logger = Logger(label: "matchmaker-http"), onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some Service {
        let router = Router()
        router.add(middleware: HTTPMetricsMiddleware(telemetry: telemetry))
        router.addMetricsRoute(telemetry)
        router.get("/health") { _, _ in "ok" }
        let provider: EventLoopGroupProvider = threads.map { .shared(MultiThreadedEventLoopGroup(numberOfThreads: max(1, $0))) } ?? .singleton
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            eventLoopGroupProvider: provider,
            logger: logger
        )
    }
}
