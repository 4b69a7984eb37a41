import EventLoopExecutor
import NIOCore
import NIOPosix

/// Where players' tasks run: each player is pinned to one of SwiftNIO's shared event loops (one per core), so that an
/// adapter doing its I/O on the same loops (the `http` adapter opens connections on the caller's loop) sends and
/// receives without waking another thread (otherwise every request wakes an event loop to send and a pool thread to
/// resume; see BENCHMARKS.md for what this and the other changes measured together).
///
/// The dispatcher runs on the first loop too (its waits are that loop's timers, see ``RunClock/sleep(until:)``); the
/// engine's ticks stay on the cooperative pool.
struct PlayerExecutors: Sendable {
    /// One executor per event loop; empty when players run on the cooperative pool.
    private let executors: [EventLoopTaskExecutor]

    /// Executors over the shared event loops, or none (`enabled == false`: players run on the cooperative pool).
    init(enabled: Bool) {
        executors = enabled ? MultiThreadedEventLoopGroup.singleton.makeIterator().map { EventLoopTaskExecutor(loop: $0) } : []
    }

    /// The executor of player `id`, or `nil` for the cooperative pool.
    func executor(for id: Int) -> (any TaskExecutor)? {
        executors.isEmpty ? nil : executors[id % executors.count]
    }
}
