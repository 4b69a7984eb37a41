import NIOCore
import NIOPosix

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
    ///
    /// On one of SwiftNIO's event loops (where players and the dispatcher run) the wake-up is a timer of that loop:
    /// the loop's own `epoll_wait` times out and the task resumes on the same thread. `Task.sleep` would arm a
    /// Dispatch timer instead, whose thread then wakes the loop — two thread switches per wake-up, which at 10,000
    /// arrivals a second cost a fifth of the engine's CPU and most of its schedule lag (BENCHMARKS.md).
    public func sleep(until seconds: Double) async throws {
        let target = instant(at: seconds)
        let delay = target - ContinuousClock.now
        guard delay > .zero else { return }
        guard let loop = MultiThreadedEventLoopGroup.currentEventLoop else {
            try await Task.sleep(until: target, clock: .continuous)
            return
        }
        let timer = loop.scheduleTask(in: TimeAmount(delay)) {}
        try await withTaskCancellationHandler {
            try await timer.futureResult.get()
        } onCancel: {
            timer.cancel()
        }
    }
}
