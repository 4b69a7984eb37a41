import CoreMetrics
import Synchronization

/// Every matchmaking metric, created once from the `MetricsFactory` given (never the global `MetricsSystem`).
///
/// Queue times (`matchmaking_queue_time_seconds`) run up to the ticket timeout: give the factory
/// ``queueTimeBuckets`` for that name, and ``skillSpreadBuckets`` for `matchmaking_match_skill_spread`.
public final class MatchmakingMetrics: Sendable {
    /// How a ticket ended, the `outcome` label.
    public enum Outcome: String, Sendable, CaseIterable {
        /// Put in a match.
        case matched
        /// Cancelled by its owner.
        case cancelled
        /// Given up after the timeout.
        case timedOut = "timed_out"
    }

    /// Histogram buckets suited to queue times (up to a minute).
    public static let queueTimeBuckets: [Duration] = [
        .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2), .seconds(5), .seconds(10), .seconds(20), .seconds(30), .seconds(45), .seconds(60), .seconds(120),
    ]
    /// Histogram buckets suited to MMR spreads within a match.
    public static let skillSpreadBuckets: [Double] = [0, 25, 50, 100, 200, 400, 800, 1600, 3200]

    /// `matchmaking_matches_created_total`.
    public let matchesCreated: Counter
    /// `matchmaking_tickets_created_total`.
    public let ticketsCreated: Counter
    /// `matchmaking_tickets_matched_total`.
    public let ticketsMatched: Counter
    /// `matchmaking_allocation_failures_total`.
    public let allocationFailures: Counter
    /// `matchmaking_tickets_reclaimed_total`: tickets put back in the queue after their allocation lease ran out.
    public let ticketsReclaimed: Counter
    /// `matchmaking_match_skill_spread`: max − min MMR per match.
    public let skillSpread: Recorder

    private let outcomes: [Outcome: Counter]
    private let queueTimes: [Outcome: CoreMetrics.Timer]
    private let queueSizes = Mutex<[String: Gauge]>([:])
    private let factory: any MetricsFactory

    /// The metrics, created on `factory`.
    public init(factory: any MetricsFactory) {
        self.factory = factory
        matchesCreated = Counter(label: "matchmaking_matches_created_total", factory: factory)
        ticketsCreated = Counter(label: "matchmaking_tickets_created_total", factory: factory)
        ticketsMatched = Counter(label: "matchmaking_tickets_matched_total", factory: factory)
        allocationFailures = Counter(label: "matchmaking_allocation_failures_total", factory: factory)
        ticketsReclaimed = Counter(label: "matchmaking_tickets_reclaimed_total", factory: factory)
        skillSpread = Recorder(label: "matchmaking_match_skill_spread", aggregate: true, factory: factory)
        var outcomes: [Outcome: Counter] = [:]
        var queueTimes: [Outcome: CoreMetrics.Timer] = [:]
        for outcome in Outcome.allCases {
            let dimensions = [("outcome", outcome.rawValue)]
            outcomes[outcome] = Counter(label: "matchmaking_tickets_total", dimensions: dimensions, factory: factory)
            queueTimes[outcome] = CoreMetrics.Timer(
                label: "matchmaking_queue_time_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds,
                factory: factory
            )
        }
        self.outcomes = outcomes
        self.queueTimes = queueTimes
    }

    /// Counts `count` tickets ending with `outcome` (`matchmaking_tickets_total`, and `..._tickets_matched_total`).
    public func resolved(_ outcome: Outcome, count: Int = 1) {
        outcomes[outcome]?.increment(by: Int64(count))
        if outcome == .matched { ticketsMatched.increment(by: Int64(count)) }
    }

    /// Records a ticket's wait from creation to its end.
    public func queueTime(_ seconds: Double, outcome: Outcome) {
        queueTimes[outcome]?.recordSeconds(max(0, seconds))
    }

    /// Sets `matchmaking_queue_size{region}`.
    public func queueSize(_ size: Int, region: String) {
        let gauge = queueSizes.withLock { gauges in
            if let gauge = gauges[region] { return gauge }
            let gauge = Gauge(label: "matchmaking_queue_size", dimensions: [("region", region)], factory: factory)
            gauges[region] = gauge
            return gauge
        }
        gauge.record(size)
    }
}
