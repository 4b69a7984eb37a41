/// The run's time base: seconds since the run started, on a monotonic clock.
public struct RunClock: Sendable {
    /// The instant the run started.
    public let start: ContinuousClock.Instant

    /// A clock starting now.
    public init() {
        start = ContinuousClock.now
    }

    /// Seconds since the start.
    public var now: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// The instant `seconds` after the start.
    public func instant(at seconds: Double) -> ContinuousClock.Instant {
        start.advanced(by: .nanoseconds(Int64((seconds * 1e9).rounded())))
    }

    /// Sleeps until `seconds` after the start (returns at once if that is past). Throws when cancelled.
    public func sleep(until seconds: Double) async throws {
        let target = instant(at: seconds)
        guard target > ContinuousClock.now else { return }
        try await Task.sleep(until: target, clock: .continuous)
    }
}
