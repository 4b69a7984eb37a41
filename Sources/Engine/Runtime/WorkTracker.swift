import Synchronization

/// The players' tasks in flight: started as unstructured tasks and tracked here, so that starting and finishing one
/// costs O(1) however many are in flight.
///
/// One task group holding every task was the first design; the runtime removes a finished child from its group by
/// walking the group's list of children, so with ten thousand runs in flight (an open model against a slow target)
/// that walk alone took a tenth of the engine's CPU. Graceful stop waits for ``isEmpty``; an abort calls
/// ``cancelAll()``.
final class WorkTracker: Sendable {
    private let tasks = Mutex<[UInt64: Task<Void, Never>]>([:])
    private let nextId = Atomic<UInt64>(0)

    /// Starts `operation` on `executor` (or the cooperative pool) and tracks it until it ends.
    func spawn(on executor: (any TaskExecutor)?, _ operation: @escaping @Sendable () async -> Void) {
        let id = nextId.add(1, ordering: .relaxed).newValue
        // Created under the lock: a task that ends at once waits for its own entry before removing it.
        tasks.withLock { tasks in
            tasks[id] = Task(executorPreference: executor) { [self] in
                await operation()
                finished(id)
            }
        }
    }

    /// Whether no tracked task is in flight.
    var isEmpty: Bool { tasks.withLock { $0.isEmpty } }

    /// Cancels every task in flight.
    func cancelAll() {
        let running = tasks.withLock { Array($0.values) }
        for task in running { task.cancel() }
    }

    /// Waits until every task in flight has ended.
    func waitForAll() async {
        let running = tasks.withLock { Array($0.values) }
        for task in running { await task.value }
    }

    private func finished(_ id: UInt64) {
        _ = tasks.withLock { $0.removeValue(forKey: id) }
    }
}
