import EventLoopExecutor
import NIOCore
import NIOPosix
@testable import StampedeEngine
import Testing

/// Players and the dispatcher wait on their event loop's own timers (`RunClock.sleep(until:)`); a wait must end at
/// its time, never before, and end at once when the task is cancelled (an abort).
@Suite("The run clock's sleep")
struct RunClockTests {
    private static let loop = MultiThreadedEventLoopGroup.singleton.next()

    /// Runs `body` in a task whose jobs run on `loop`, as players' tasks do.
    private static func onLoop<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task(executorPreference: EventLoopTaskExecutor(loop: loop)) { try await body() }.value
    }

    @Test("on an event loop, a sleep wakes on that loop at its time, not before")
    func wakesOnTime() async throws {
        let clock = RunClock()
        let (woke, onLoop) = try await Self.onLoop {
            try await clock.sleep(until: clock.now + 0.05)
            return (clock.now, Self.loop.inEventLoop)
        }
        #expect(onLoop)
        #expect(woke >= 0.05)
        #expect(woke < 1)
    }

    @Test("a sleep in the past returns at once")
    func pastReturnsAtOnce() async throws {
        let clock = RunClock()
        try await Self.onLoop { try await clock.sleep(until: -1) }
        #expect(clock.now < 0.5)
    }

    @Test("cancelling the task ends a long sleep on an event loop at once, with an error")
    func cancelEndsSleep() async throws {
        let clock = RunClock()
        let task = Task(executorPreference: EventLoopTaskExecutor(loop: Self.loop)) {
            try await clock.sleep(until: 3600)
        }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        await #expect(throws: (any Error).self) { try await task.value }
        #expect(clock.now < 5)
    }

    @Test("off the event loops (the cooperative pool) a sleep still waits until its time")
    func offLoop() async throws {
        let clock = RunClock()
        #expect(MultiThreadedEventLoopGroup.currentEventLoop == nil)
        try await clock.sleep(until: 0.05)
        #expect(clock.now >= 0.05)
    }
}
