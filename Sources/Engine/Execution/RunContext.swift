import StampedeMetrics
import StampedePlan

/// What every part of a running engine shares (all of it safe to use from any task).
struct RunContext: Sendable {
    let clock: RunClock
    let stop: StopControl
    let recorder: MetricsRecorder
    let behaviours: [RunnableBehaviour]
    let feeders: FeederStore
    /// `{load: NAME}` per load.
    let loadTags: [TagSet]
    let errorLog: ErrorLog
}
