/// One action's figures over a run, from its series: how often it ran, how often it failed, how fast it answered.
public struct ActionStats: Sendable, Equatable {
    /// Latency percentiles of successful samples, in seconds.
    public struct Latency: Sendable, Equatable {
        /// Median.
        public var p50: Double
        /// 90th percentile.
        public var p90: Double
        /// 95th percentile.
        public var p95: Double
        /// 99th percentile.
        public var p99: Double
        /// Largest sample (exact).
        public var max: Double
    }

    /// `target.action`.
    public var action: String
    /// Actions performed (the `requests` counter).
    public var requests: Double
    /// Actions per second over the run.
    public var perSecond: Double
    /// Failed samples (true samples of `errors`).
    public var errors: UInt64
    /// Share of failed samples (nil without `errors` samples).
    public var errorRate: Double?
    /// Latency of `outcome:ok` samples (nil when none succeeded).
    public var latency: Latency?

    /// The figures of every action found in `store` (series with an `action` tag), sorted by action.
    public static func compute(_ store: MetricsStore, elapsed: Double) -> [ActionStats] {
        var requests: [String: Double] = [:]
        var errors: [String: (trues: UInt64, total: UInt64)] = [:]
        var latency: [String: TrendValue] = [:]
        for (key, value) in store.series {
            guard let action = key.tags["action"] else { continue }
            switch (key.name, value) {
            case ("requests", .counter(let sum)):
                requests[action, default: 0] += sum
            case let ("errors", .rate(trues, total)):
                let sofar = errors[action] ?? (0, 0)
                errors[action] = (sofar.trues + trues, sofar.total + total)
            case ("latency", .trend(let trend)) where key.tags["outcome"] == "ok":
                latency[action, default: TrendValue()].merge(trend)
            default:
                continue
            }
        }
        let actions = Set(requests.keys).union(errors.keys).union(latency.keys).sorted()
        return actions.map { action in
            let count = requests[action] ?? 0
            let failed = errors[action]
            return ActionStats(
                action: action, requests: count, perSecond: elapsed > 0 ? count / elapsed : 0, errors: failed?.trues ?? 0,
                errorRate: failed.flatMap { $0.total > 0 ? Double($0.trues) / Double($0.total) : nil },
                latency: latency[action].flatMap { trend in
                    trend.count > 0
                        ? Latency(p50: trend.percentile(50), p90: trend.percentile(90), p95: trend.percentile(95),
                                  p99: trend.percentile(99), max: trend.max)
                        : nil
                })
        }
    }
}
