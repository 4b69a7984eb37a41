/// How a ``MatchmakerWorker`` runs.
public struct MatchmakerOptions: Sendable, Equatable {
    /// Concurrent matching loops in this process.
    public var workers: Int
    /// Pause of a loop after a round that formed no match.
    public var idleSleep: Duration
    /// Period of timeouts, queue-size gauges and the region list refresh.
    public var housekeepingInterval: Duration
    /// Skill mode: oldest tickets tried as anchors per script call.
    public var skillAnchors: Int
    /// Seconds a ticket may stay `allocating` before housekeeping puts it back in the queue (its matchmaker is taken
    /// to have died): longer than any allocation may take.
    public var allocationLease: Double

    /// Options: one loop, 10 ms idle sleep, housekeeping every second, a 60-second allocation lease.
    public init(
        workers: Int = 1, idleSleep: Duration = .milliseconds(10), housekeepingInterval: Duration = .seconds(1),
        skillAnchors: Int = 200, allocationLease: Double = 60
    ) {
        self.workers = max(1, workers)
        self.idleSleep = idleSleep
        self.housekeepingInterval = housekeepingInterval
        self.skillAnchors = max(1, skillAnchors)
        self.allocationLease = max(0, allocationLease)
    }
}
