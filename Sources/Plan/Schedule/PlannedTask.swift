/// One unit of planned work, at the time it is intended to start.
///
/// Latency is later measured from `time`, the intended start, not from when the engine got to it
/// (coordinated-omission safe).
public struct PlannedTask: Sendable, Equatable {
    /// What to do.
    public enum Kind: Sendable, Equatable {
        /// Open model: start a run of the behaviour at its start state.
        case run(behaviour: Int)
        /// Closed and population models: a player of the behaviour comes online.
        case join(behaviour: Int)
        /// Closed and population models: a player goes offline.
        case leave
        /// Population model: an online player of the behaviour starts the activity.
        case activity(behaviour: Int, activity: Int)
    }

    /// Intended start, in seconds from the start of the run.
    public var time: Double
    /// Index of the load model that planned it.
    public var load: Int
    /// What to do.
    public var kind: Kind

    /// Creates a task.
    public init(time: Double, load: Int, kind: Kind) {
        self.time = time
        self.load = load
        self.kind = kind
    }
}
