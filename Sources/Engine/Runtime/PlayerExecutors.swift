import EventLoopExecutor
import NIOCore
import NIOPosix

/// Where players' tasks run: each player is pinned to one of SwiftNIO's shared event loops (one per core), so that an
/// adapter doing its I/O on the same loops (the `http` adapter opens connections on the caller's loop) sends and
/// receives without waking another thread (otherwise every request wakes an event loop to send and a pool thread to
/// resume; see BENCHMARKS.md for what this and the other changes measured together).
///
/// The dispatcher runs on the first loop too (its waits are that loop's timers, see ``RunClock/sleep(until:)``); the
/// engine's ticks stay on the cooperative pool. With a `limit`, players use only the first `limit` loops: the others
/// stay asleep, and a player's task never wakes another thread to start.
struct PlayerExecutors: Sendable {
    /// One executor per event loop used; empty when players run on the cooperative pool.
    private let executors: [EventLoopTaskExecutor]

    /// How many event loops players can run on: SwiftNIO's shared group, one loop per core unless
    /// `NIO_SINGLETON_GROUP_LOOP_COUNT` says otherwise.
    static var available: Int { NIOSingletons.groupLoopCountSuggestion }

    /// Executors over the shared event loops (the first `limit` of them, or all), or none (`enabled == false`:
    /// players run on the cooperative pool).
    init(enabled: Bool, limit: Int? = nil) {
        guard enabled else {
            executors = []
            return
        }
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
        executors = loops.prefix(max(1, min(limit ?? loops.count, loops.count))).map { EventLoopTaskExecutor(loop: $0) }
    }

    /// The executor of player `id`, or `nil` for the cooperative pool.
    func executor(for id: Int) -> (any TaskExecutor)? {
        executors.isEmpty ? nil : executors[id % executors.count]
    }
}
