import CoreMetrics
import MatchmakingTelemetry

/// The gateway's own metrics (beside `http_requests_total` and `http_request_duration_seconds`).
struct GatewayMetrics: Sendable {
    /// Purchase outcomes, the `outcome` label of `gateway_purchases_total`.
    enum PurchaseOutcome: String, CaseIterable, Sendable {
        case purchased, replayed, insufficientFunds = "insufficient_funds", unknownOffer = "unknown_offer"
        case keyConflict = "key_conflict"
    }

    /// `gateway_logins_total`.
    let logins: CoreMetrics.Counter
    private let purchases: [PurchaseOutcome: CoreMetrics.Counter]

    init(telemetry: ServiceTelemetry) {
        logins = telemetry.counter("gateway_logins_total")
        var purchases: [PurchaseOutcome: CoreMetrics.Counter] = [:]
        for outcome in PurchaseOutcome.allCases {
            purchases[outcome] = telemetry.counter("gateway_purchases_total", dimensions: [("outcome", outcome.rawValue)])
        }
        self.purchases = purchases
    }

    /// Counts one purchase with `outcome`.
    func purchase(_ outcome: PurchaseOutcome) {
        purchases[outcome]?.increment()
    }
}
