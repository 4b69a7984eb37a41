/// How a ``MatchmakerWorker`` runs.
public struct MatchmakerOptions: Sendable, Equatable {
    /// Concurrent matching loops in this process.
    public var workers: Int
    /// Pause of a loop after a round that formed no match; it doubles with each further empty round, up to
    /// ``idleSleepMax``, and is back to this after a round that formed one.
    public var idleSleep: Duration
    /// Longest pause of an idle loop: what an idle matchmaker costs (each idle round, a timer wake-up, cost about
    /// 170 µs of CPU on the project's machine) against how late the first match after a quiet spell may come.
    public var idleSleepMax: Duration
    /// Period of timeouts, queue-size gauges and the region list refresh.
    public var housekeepingInterval: Duration
    /// Skill mode: oldest tickets tried as anchors per script call.
    public var skillAnchors: Int
    /// Seconds a ticket may stay `allocating` before housekeeping puts it back in the queue (its matchmaker is taken
    /// to have died): longer than any allocation may take.
    public var allocationLease: Double

    /// Options: one loop, idle sleeps from 10 to 100 ms, housekeeping every second, a 60-second allocation lease.
    public init(
        workers: Int = 1, idleSleep: Duration = .milliseconds(10), idleSleepMax: Duration = .milliseconds(100),
        housekeepingInterval: Duration = .seconds(1), skillAnchors: Int = 200, allocationLease: Double = 60
    ) {
        self.workers = max(1, workers)
        self.idleSleep = idleSleep
        self.idleSleepMax = max(idleSleep, idleSleepMax)
        self.housekeepingInterval = housekeepingInterval
        self.skillAnchors = max(1, skillAnchors)
        self.allocationLease = max(0, allocationLease)
    }
}
