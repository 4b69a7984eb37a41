import Hummingbird
import HummingbirdWebSocket
import Logging
import MatchmakingCore
import MatchmakingTelemetry
import Synchronization

/// The orchestrator's WebSocket reverse proxy: players connect to `GET /game/{matchId}/connect` here and are relayed to
/// their match's game server, so game-server ports are never exposed.
///
/// The upgrade is checked before it happens, so a refused player gets a plain HTTP status: the session token
/// (`Authorization: Bearer T` or `?token=T`) must be valid (else 401), the match running (else 404) and the token's
/// player assigned to it (else 403). An admitted player is joined upstream as the verified player (joins it sends
/// itself are dropped); frames then cross unchanged both ways. See ``ProxySession`` for how sessions end.
///
/// Serve ``addRoutes(to:)``'s router with `.http1WebSocketUpgrade(webSocketRouter:)`; its maximum frame size (16 KiB by
/// default) bounds single frames from players, `maxMessageSize` whole messages.
public final class GameProxy: Sendable {
    /// The route pattern the proxy serves.
    public static let path: RouterPath = "/game/{matchId}/connect"

    private let directory: any MatchDirectory
    private let sessions: SessionLookup
    private let metrics: ProxyMetrics
    private let logger: Logger
    private let limits: ProxyLimits
    private let live = Mutex<[String: [ObjectIdentifier: ProxySession]]>([:])

    /// A proxy routing by `directory`, checking tokens with `sessions`, with metrics on `telemetry`.
    /// - Parameters:
    ///   - maxMessageSize: the largest message relayed, bytes (a player sending more is closed with 1009); also the
    ///     largest frame accepted from a game server.
    ///   - upstreamConnectTimeout: how long opening the game-server connection may take before the player is told the
    ///     match failed.
    ///   - upstreamCloseTimeout: how long a closing game-server connection may take to close.
    public init(
        directory: any MatchDirectory, sessions: SessionLookup, telemetry: ServiceTelemetry, logger: Logger,
        maxMessageSize: Int = 16 * 1024, upstreamConnectTimeout: Duration = .seconds(5),
        upstreamCloseTimeout: Duration = .seconds(2)
    ) {
        self.directory = directory
        self.sessions = sessions
        metrics = ProxyMetrics(telemetry: telemetry)
        self.logger = logger
        limits = ProxyLimits(
            maxMessageSize: max(maxMessageSize, 1), upstreamCloseTimeout: upstreamCloseTimeout,
            upstreamConnectTimeout: upstreamConnectTimeout
        )
    }

    /// Players connected through the proxy now.
    public var connectionCount: Int { metrics.openConnections }

    /// A WebSocket router with the proxy's route, to serve with `.http1WebSocketUpgrade(webSocketRouter:)`.
    public func makeWebSocketRouter() -> Router<GameProxyRequestContext> {
        let router = Router(context: GameProxyRequestContext.self)
        addRoutes(to: router)
        return router
    }

    /// Adds `GET /game/{matchId}/connect` (WebSocket upgrade) to `router`.
    public func addRoutes(to router: Router<GameProxyRequestContext>) {
        router.ws(Self.path, shouldUpgrade: { [self] request, context in
            try await checkUpgrade(request, context: context)
        }, onUpgrade: { [self] inbound, outbound, context in
            await serve(inbound, outbound, context: context.requestContext)
        })
    }

    /// Ends every connection to match `matchId` (its game server died): each player gets
    /// `{"type":"end","reason":"failed","detail":reason}` and a close with 1011. Returns once they have been told (at
    /// most about 2 s).
    public func failMatch(_ matchId: String, reason: String) async {
        let doomed = live.withLock { $0[matchId].map { Array($0.values) } ?? [] }
        guard !doomed.isEmpty else { return }
        logger.info("failing match connections", metadata: ["match": "\(matchId)", "players": "\(doomed.count)"])
        for session in doomed { session.fail(reason) }
        let deadline = ContinuousClock.now + .seconds(2)
        while doomed.contains(where: { !$0.isOver }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Admits the request (remembering who and where in its context) or refuses it with its status.
    private func checkUpgrade(_ request: Request, context: GameProxyRequestContext) async throws -> RouterShouldUpgrade {
        let matchId = context.parameters.get("matchId") ?? ""
        let verdict: Result<Admission, ProxyRefusal>
        do {
            verdict = try await admit(token: Self.token(of: request), matchId: matchId)
        } catch {
            logger.warning("session lookup failed", metadata: ["error": "\(error)"])
            verdict = .failure(.unavailable)
        }
        switch verdict {
        case .success(let admission):
            metrics.count(.admitted)
            context.admission.put(admission)
            return .upgrade([:])
        case .failure(let refusal):
            metrics.count(refusal.outcome)
            logger.debug("upgrade refused", metadata: ["match": "\(matchId)", "status": "\(refusal.status.code)"])
            try await UpgradeRefusal.install(on: context.channel, status: refusal.status)
            throw HTTPError(refusal.status, message: refusal.message)
        }
    }

    private func admit(token: String?, matchId: String) async throws -> Result<Admission, ProxyRefusal> {
        guard let token, let player = try await sessions.player(for: token) else { return .failure(.unauthorized) }
        guard let route = directory.route(for: matchId) else { return .failure(.unknownMatch) }
        guard route.players.contains(player) else { return .failure(.forbidden) }
        return .success(Admission(player: player, route: route))
    }

    /// Relays an upgraded connection until it ends.
    private func serve(
        _ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, context: GameProxyRequestContext
    ) async {
        guard let admission = context.admission.take() else {
            try? await outbound.close(.policyViolation, reason: "not admitted")
            return
        }
        let session = ProxySession(
            admission: admission, client: outbound, eventLoop: context.channel.eventLoop, limits: limits,
            metrics: metrics, logger: logger
        )
        let id = ObjectIdentifier(session)
        live.withLock { $0[session.matchId, default: [:]][id] = session }
        metrics.connectionOpened()
        defer {
            metrics.connectionClosed()
            live.withLock { live in
                live[session.matchId]?[id] = nil
                if live[session.matchId]?.isEmpty == true { live[session.matchId] = nil }
            }
        }
        await session.run(clientInbound: inbound)
    }

    /// The session token of `request`: `Authorization: Bearer T`, else the `token` query parameter.
    static func token(of request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            return parts[1].trimmingCharacters(in: .whitespaces)
        }
        return request.uri.queryParameters["token"].map(String.init)
    }
}

/// Why the proxy refused an upgrade.
enum ProxyRefusal: Error {
    case unauthorized, unknownMatch, forbidden, unavailable

    /// The HTTP status answered.
    var status: HTTPResponse.Status {
        switch self {
        case .unauthorized: .unauthorized
        case .unknownMatch: .notFound
        case .forbidden: .forbidden
        case .unavailable: .serviceUnavailable
        }
    }

    /// The metrics outcome.
    var outcome: ProxyOutcome {
        switch self {
        case .unauthorized: .unauthorized
        case .unknownMatch: .unknownMatch
        case .forbidden: .forbidden
        case .unavailable: .error
        }
    }

    /// What went wrong.
    var message: String {
        switch self {
        case .unauthorized: "missing, invalid or expired session token"
        case .unknownMatch: "no running match with this id"
        case .forbidden: "the player is not assigned to this match"
        case .unavailable: "sessions cannot be checked now"
        }
    }
}
