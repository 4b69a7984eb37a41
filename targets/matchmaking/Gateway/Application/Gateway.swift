import Hummingbird
import MatchmakingCore
import MatchmakingTelemetry
import RedisClient

/// The gateway's parts, shared by its routes.
struct Gateway: Sendable {
    let settings: GatewaySettings
    let redis: RedisClient
    let tickets: any TicketService
    let sessions: SessionStore
    let authenticator: Authenticator
    let wallets: WalletStore
    let offers: [String: Offer]
    let json: JSONCoding
    let metrics: GatewayMetrics

    init(settings: GatewaySettings, redis: RedisClient, tickets: any TicketService, telemetry: ServiceTelemetry) {
        self.settings = settings
        self.redis = redis
        self.tickets = tickets
        sessions = SessionStore(redis: redis, ttl: settings.tokenTTL)
        authenticator = Authenticator(sessions: sessions, allowAnonymous: settings.allowAnonymous)
        wallets = WalletStore(redis: redis, startingBalance: settings.startingBalance, idempotencyTTL: settings.idempotencyTTL)
        offers = Dictionary(settings.offers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        json = JSONCoding(bodyLimit: settings.bodyLimit)
        metrics = GatewayMetrics(telemetry: telemetry)
    }
}
