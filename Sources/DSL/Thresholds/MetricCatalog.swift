import StampedePluginAPI

/// The metrics and tag keys every scenario may use in thresholds, whatever its adapters.
///
/// Per-action metrics (`latency`, `service_time`, `requests`, `errors`, `bytes_in`, `bytes_out`) carry the tags
/// `action`, `target`, `behaviour`, `state`, `load` and (for failures) `error_kind`; per-run metrics
/// (`iterations`, `iteration_duration`, `dropped_iterations`, `schedule_lag`, `players_online`, `in_flight`)
/// describe the run as a whole or one behaviour or load.
public enum MetricCatalog {
    /// The built-in metrics, per action first, then per run.
    public static let builtin: [MetricInfo] = [
        MetricInfo(
            name: "latency", kind: .trend, unit: .duration,
            summary: "Time from an action's scheduled start to its answer, including any wait to be sent."),
        MetricInfo(
            name: "service_time", kind: .trend, unit: .duration,
            summary: "Time from sending an action to its answer, as the target served it."),
        MetricInfo(name: "requests", kind: .counter, unit: .count, summary: "Actions performed."),
        MetricInfo(name: "errors", kind: .rate, unit: .fraction, summary: "Share of actions that failed."),
        MetricInfo(name: "bytes_in", kind: .counter, unit: .bytes, summary: "Bytes received from targets."),
        MetricInfo(name: "bytes_out", kind: .counter, unit: .bytes, summary: "Bytes sent to targets."),
        MetricInfo(
            name: "iterations", kind: .counter, unit: .count,
            summary: "Player sessions (arrivals) completed."),
        MetricInfo(
            name: "iteration_duration", kind: .trend, unit: .duration,
            summary: "Time a player session took from arrival to leaving."),
        MetricInfo(
            name: "dropped_iterations", kind: .counter, unit: .count,
            summary: "Arrivals that could not start because no capacity was left."),
        MetricInfo(
            name: "schedule_lag", kind: .trend, unit: .duration,
            summary: "How late arrivals and actions started compared with the plan."),
        MetricInfo(name: "players_online", kind: .gauge, unit: .count, summary: "Players in a session right now."),
        MetricInfo(name: "in_flight", kind: .gauge, unit: .count, summary: "Actions sent and not yet answered."),
    ]

    /// Tag keys whose values must name something in the scenario (`action` as `target.action`).
    public static let scenarioTagKeys: [String] = ["action", "target", "behaviour", "state", "load"]

    /// Every built-in tag key: the scenario ones, `error_kind` and `outcome` (ok or error), whose values are free.
    public static let builtinTagKeys: [String] = scenarioTagKeys + ["error_kind", "outcome"]

    /// The built-in metric called `name`.
    public static func metric(named name: String) -> MetricInfo? {
        builtin.first { $0.name == name }
    }
}
