import Synchronization

/// A value decided once, by whoever decides first, and awaited by any number of tasks, each for as long as it
/// chooses: a wait ends early when its deadline passes or its task is cancelled.
final class OneShot<Value: Sendable>: Sendable {
    private struct State {
        /// The value, once decided.
        var value: Value?
        /// Suspended waits, by token.
        var waiters: [UInt64: CheckedContinuation<Value?, Never>] = [:]
        /// Waits begun whose continuation is not installed yet.
        var arming: Set<UInt64> = []
        /// Waits given up (deadline, cancellation) before their continuation was installed.
        var abandoned: Set<UInt64> = []
        /// The next wait's token.
        var nextToken: UInt64 = 0
    }

    /// The state, behind a lock.
    private let state = Mutex(State())

    /// An undecided value.
    init() {}

    /// The value, if decided.
    var current: Value? { state.withLock { $0.value } }

    /// Decides the value, if nobody did yet; returns whether this call decided it.
    @discardableResult
    func decide(_ value: Value) -> Bool {
        let waiters: [CheckedContinuation<Value?, Never>]? = state.withLock { state in
            guard state.value == nil else { return nil }
            state.value = value
            let waiters = Array(state.waiters.values)
            state.waiters = [:]
            return waiters
        }
        guard let waiters else { return false }
        for waiter in waiters { waiter.resume(returning: value) }
        return true
    }

    /// The value, once decided; `nil` when `deadline` passes first or the task is cancelled.
    func value(until deadline: ContinuousClock.Instant? = nil) async -> Value? {
        let begin: (value: Value?, token: UInt64) = state.withLock { state in
            if let value = state.value { return (value, 0) }
            state.nextToken &+= 1
            state.arming.insert(state.nextToken)
            return (nil, state.nextToken)
        }
        if let value = begin.value { return value }
        let token = begin.token
        return await withTaskGroup(of: Void.self, returning: Value?.self) { group in
            if let deadline {
                group.addTask {
                    do {
                        try await Task.sleep(until: deadline, clock: .continuous)
                        self.abandon(token)
                    } catch {
                        // Cancelled: the wait ended otherwise.
                    }
                }
            }
            let value = await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in install(token, continuation) }
            } onCancel: {
                abandon(token)
            }
            group.cancelAll()
            return value
        }
    }

    /// Suspends the wait `token` on `continuation`, unless it is already answered.
    private func install(_ token: UInt64, _ continuation: CheckedContinuation<Value?, Never>) {
        let answer: Value?? = state.withLock { state in
            state.arming.remove(token)
            if let value = state.value { return .some(value) }
            if state.abandoned.remove(token) != nil { return .some(nil) }
            state.waiters[token] = continuation
            return .none
        }
        if let answer { continuation.resume(returning: answer) }
    }

    /// Gives up the wait `token`, if it is still going on.
    private func abandon(_ token: UInt64) {
        let waiter: CheckedContinuation<Value?, Never>? = state.withLock { state in
            if let waiter = state.waiters.removeValue(forKey: token) { return waiter }
            if state.arming.contains(token) { state.abandoned.insert(token) }
            return nil
        }
        waiter?.resume(returning: nil)
    }
}
