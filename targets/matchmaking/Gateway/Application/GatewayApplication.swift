import Hummingbird
import Logging
import MatchmakingCore
import MatchmakingTelemetry
import NIOCore
import RedisClient

/// Builds the gateway's HTTP application: the original client API plus sessions, a store and long-polling.
///
/// Routes (JSON in and out; every error is `{"error": ..., "hint": ...}` with a 4xx/5xx status):
/// - `POST /login {"id","password"}` → `{"id","token","expiresAt"}`. Any non-empty password is accepted and players
///   are created on first login; every login issues a fresh token valid ``GatewaySettings/tokenTTL`` seconds.
/// - `POST /logout` (bearer token) → `{"status":"logged out"}`; the token stops working.
/// - `GET /store/offers` → `{"offers":[{"id","name","price"}]}`.
/// - `GET /store/wallet[?id=]` → `{"id","balance","items":{offerId: count}}`.
/// - `POST /store/purchase {"id","offer_id","idempotency_key"?}` (or header `Idempotency-Key`) →
///   `{"purchaseId","offerId","price","balance","replayed"}`; 402 `insufficient funds`, 404 unknown offer.
/// - `POST /matchmaking/join {"id","mmr"?,"region"?,"party"?}` → `{"ticketId","status"}`; 409 with `ticketId` when
///   the player already holds a ticket. `?wait=SECONDS` answers the ticket's status document once it is final (or
///   after that long): join and long-poll in one request.
/// - `GET /matchmaking/status?ticketId=X[&wait=SECONDS]` → `{"ticketId","status","matchId","server","reason"}`;
///   with `wait`, a long-poll answering as soon as the ticket is final (at most ``GatewaySettings/longPollMax``).
/// - `POST /matchmaking/cancel {"ticketId","id"?}` → the ticket's status document.
/// - `GET /health`, `GET /metrics`.
///
/// Every route except `/health` and `/metrics` accepts `Authorization: Bearer <token>`; see
/// ``GatewaySettings/allowAnonymous`` for requests without one.
public enum GatewayApplication {
    /// The router of a gateway on `redis` and `tickets`, recording into `telemetry`.
    public static func router(
        settings: GatewaySettings, redis: RedisClient, tickets: any TicketService, telemetry: ServiceTelemetry
    ) -> Router<BasicRequestContext> {
        let gateway = Gateway(settings: settings, redis: redis, tickets: tickets, telemetry: telemetry)
        let router = Router()
        router.add(middleware: HTTPMetricsMiddleware(telemetry: telemetry))
        router.add(middleware: JSONErrorMiddleware())
        router.addMetricsRoute(telemetry)
        gateway.addHealthRoute(to: router)
        gateway.addLoginRoute(to: router)
        gateway.addLogoutRoute(to: router)
        gateway.addStoreRoutes(to: router)
        gateway.addMatchmakingRoutes(to: router)
        return router
    }

    /// The application serving ``router(settings:redis:tickets:telemetry:)`` on `settings.host:settings.port`.
    /// - Parameters:
    ///   - eventLoopGroup: the NIO event loops to serve on (the process-wide singleton by default).
    ///   - onServerRunning: called with the bound channel once listening (its `localAddress` tells the port).
    public static func make(
        settings: GatewaySettings, redis: RedisClient, tickets: any TicketService, telemetry: ServiceTelemetry,
        eventLoopGroup: (any EventLoopGroup)? = nil, logger: Logger = Logger(label: "matchmaking-gateway"),
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(settings: settings, redis: redis, tickets: tickets, telemetry: telemetry),
            server: .http1BoundToLoops(),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "matchmaking-gateway", backlog: settings.backlog),
            onServerRunning: onServerRunning,
            eventLoopGroupProvider: eventLoopGroup.map { .shared($0) } ?? .singleton,
            logger: logger
        )
    }
}
