import Synchronization

/// Live counts of one load: tasks started and dropped, runs in flight.
final class LoadCounters: Sendable {
    let started = Atomic<Int>(0)
    let dropped = Atomic<Int>(0)
    let inFlight = Atomic<Int>(0)
}
