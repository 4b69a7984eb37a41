import CoreMetrics
import MatchmakingTelemetry

/// The orchestrator's own metrics (the proxy adds its connection and byte metrics to the same telemetry).
///
/// `game_orchestrator_ongoing_matches` (running matches), `orchestrator_game_servers{state=provisioning|running}`,
/// `orchestrator_allocation_latency_seconds` (successful allocations, waits included),
/// `orchestrator_allocation_failures_total{reason=capacity|provisioning}`, `orchestrator_allocation_waits_total`
/// (allocations that found every slot taken), `orchestrator_game_servers_reaped_total{outcome=ended|failed}`.
public struct OrchestratorMetrics: Sendable {
    let ongoingMatches: CoreMetrics.Gauge
    let provisioningServers: CoreMetrics.Gauge
    let runningServers: CoreMetrics.Gauge
    let allocationLatency: CoreMetrics.Timer
    let capacityFailures: CoreMetrics.Counter
    let provisioningFailures: CoreMetrics.Counter
    let allocationWaits: CoreMetrics.Counter
    let reapedEnded: CoreMetrics.Counter
    let reapedFailed: CoreMetrics.Counter

    /// The metrics, on `telemetry`.
    public init(telemetry: ServiceTelemetry) {
        ongoingMatches = telemetry.gauge("game_orchestrator_ongoing_matches")
        provisioningServers = telemetry.gauge("orchestrator_game_servers", dimensions: [("state", "provisioning")])
        runningServers = telemetry.gauge("orchestrator_game_servers", dimensions: [("state", "running")])
        allocationLatency = telemetry.timer("orchestrator_allocation_latency_seconds")
        capacityFailures = telemetry.counter("orchestrator_allocation_failures_total", dimensions: [("reason", "capacity")])
        provisioningFailures = telemetry.counter(
            "orchestrator_allocation_failures_total", dimensions: [("reason", "provisioning")]
        )
        allocationWaits = telemetry.counter("orchestrator_allocation_waits_total")
        reapedEnded = telemetry.counter("orchestrator_game_servers_reaped_total", dimensions: [("outcome", "ended")])
        reapedFailed = telemetry.counter("orchestrator_game_servers_reaped_total", dimensions: [("outcome", "failed")])
        record(provisioning: 0, running: 0)
    }

    /// Sets the server gauges.
    func record(provisioning: Int, running: Int) {
        ongoingMatches.record(running)
        provisioningServers.record(provisioning)
        runningServers.record(running)
    }

    /// Times a successful allocation.
    func recordAllocation(since start: ContinuousClock.Instant) {
        allocationLatency.record(ContinuousClock.now - start)
    }
}
