/// What the live progress line shows, sampled about once a second.
public struct ProgressSnapshot: Sendable, Equatable {
    /// Seconds since the start.
    public var elapsed: Double
    /// Planned duration in seconds.
    public var total: Double
    /// Arrivals per second the plan intends now.
    public var plannedRate: Double
    /// Arrivals per second achieved over the last interval.
    public var achievedRate: Double
    /// Players in a session.
    public var playersOnline: Int
    /// Actions sent and not answered yet.
    public var inFlight: Int
    /// Failed actions so far.
    public var errors: Int
    /// Actions performed so far.
    public var requests: Int
    /// The 95th percentile latency so far, in seconds (nil before the first answer).
    public var p95: Double?

    /// Creates a snapshot.
    public init(
        elapsed: Double, total: Double, plannedRate: Double, achievedRate: Double, playersOnline: Int, inFlight: Int,
        errors: Int, requests: Int, p95: Double?
    ) {
        self.elapsed = elapsed
        self.total = total
        self.plannedRate = plannedRate
        self.achievedRate = achievedRate
        self.playersOnline = playersOnline
        self.inFlight = inFlight
        self.errors = errors
        self.requests = requests
        self.p95 = p95
    }
}
