import StampedeMetrics
import Synchronization

/// How far a run has gone towards stopping, shared by everything that runs.
///
/// Graceful stop (end of duration, first signal, threshold abort) starts no new work and lets work in flight finish
/// within the grace period; abort (second signal, grace period over) cancels what is left at once.
public final class StopControl: Sendable {
    /// The stages, in order.
    public enum Stage: Int, Sendable, Comparable {
        /// Running.
        case running = 0
        /// No new work; in-flight work finishes.
        case graceful = 1
        /// Everything stops now.
        case abort = 2

        /// Orders stages.
        public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private let state = Mutex<(stage: Stage, reason: StopReason?)>((.running, nil))

    /// A control in the running stage.
    public init() {}

    /// The current stage.
    public var stage: Stage { state.withLock { $0.stage } }

    /// Why the run is stopping (the first reason given), if it is.
    public var reason: StopReason? { state.withLock { $0.reason } }

    /// Moves to `stage` (never backwards), recording `reason` if none was recorded yet.
    public func request(_ stage: Stage, reason: StopReason) {
        state.withLock { current in
            if stage > current.stage { current.stage = stage }
            if current.reason == nil { current.reason = reason }
        }
    }

    /// Whether new work may start.
    public var acceptsWork: Bool { stage == .running }
}
