import StampedeMetrics

/// The summary's `Metrics` section: every metric an adapter declared (not the engine's own per-action and per-run
/// metrics), merged over all its tags — trends with their percentiles, counters with their total and rate, rates
/// with their share, gauges with their last value. Thresholds may look at the same metrics per tag.
enum CustomMetricsTable {
    /// The engine's own metrics (the catalogue of `MetricCatalog.builtin`, plus `interrupted_actions`), left out of
    /// this section: the `Actions` and `Loads` sections show the main ones, and all of them are in `--out json=`.
    static let engineMetrics: Set<String> = [
        "latency", "service_time", "requests", "errors", "bytes_in", "bytes_out", "iterations", "iteration_duration",
        "dropped_iterations", "schedule_lag", "players_online", "in_flight", "interrupted_actions",
    ]

    /// The section's lines (none when no adapter metric was recorded).
    static func lines(_ store: MetricsStore, elapsed: Double) -> [String] {
        var merged: [String: MetricValue] = [:]
        for (key, value) in store.series where !engineMetrics.contains(key.name) {
            if merged[key.name] == nil {
                merged[key.name] = value
            } else {
                merged[key.name]?.merge(value)
            }
        }
        guard !merged.isEmpty else { return [] }
        let dash = "–"
        let rows = merged.sorted { $0.key < $1.key }.map { name, value -> [String] in
            switch value {
            case .trend(let trend):
                guard trend.count > 0 else { return [name, "0", dash, dash, dash, dash, dash] }
                return [name, NumberText.count(Double(trend.count))]
                    + [trend.percentile(50), trend.percentile(95), trend.percentile(99), trend.max].map(MeasureText.seconds)
                    + [dash]
            case .counter(let sum):
                return [name, NumberText.count(sum), dash, dash, dash, dash, elapsed > 0 ? NumberText.amount(sum / elapsed) + "/s" : dash]
            case .rate(let trues, let total):
                let share = total > 0 ? MeasureText.fraction(Double(trues) / Double(total)) : dash
                return [name, NumberText.count(Double(total)), dash, dash, dash, dash, share]
            case .gauge(let gauge):
                return [name, dash, dash, dash, dash, dash, NumberText.amount(gauge.value)]
            }
        }
        return ["", "Metrics (the adapters')"]
            + TextTable.render(["metric", "count", "p50", "p95", "p99", "max", "rate / value"], rows)
    }
}
