import Synchronization

/// The cap on concurrent game servers: a slot per server, from provisioning until it has been reaped.
///
/// When every slot is taken, ``acquire(waitingUpTo:)`` waits (first come, first served) for one to be released,
/// up to a limit. ``close()`` refuses every waiting and later request (shutdown).
final class ServerSlots: Sendable {
    /// How an acquisition went.
    enum Grant: Equatable {
        /// A slot was free at once.
        case immediate
        /// A slot was freed while waiting.
        case afterWait
        /// No slot within the wait (or closed while waiting).
        case refused(waited: Bool)
    }

    private struct State {
        var inUse = 0
        var closed = false
        var nextWaiter = 0
        var waiters: [(id: Int, continuation: CheckedContinuation<Grant, Never>)] = []
        /// Waiters between their first look and their registration.
        var unregistered: Set<Int> = []
        var expired: Set<Int> = []
    }

    /// The number of slots.
    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Slots taken now.
    var inUse: Int { state.withLock { $0.inUse } }

    /// Takes a slot, waiting up to `limit` for one when none is free.
    func acquire(waitingUpTo limit: Duration) async -> Grant {
        let waiter: Int? = state.withLock { state in
            if state.closed { return nil }
            if state.inUse < capacity {
                state.inUse += 1
                return 0
            }
            state.nextWaiter += 1
            state.unregistered.insert(state.nextWaiter)
            return state.nextWaiter
        }
        guard let id = waiter else { return .refused(waited: false) }
        if id == 0 { return .immediate }
        guard limit > .zero else {
            state.withLock { _ = $0.unregistered.remove(id) }
            return .refused(waited: false)
        }
        let timer = Task {
            guard (try? await Task.sleep(for: limit)) != nil else { return }
            self.expire(id)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            let decided: Grant? = state.withLock { state in
                // A slot may have been released, or the wait expired, since the first look.
                state.unregistered.remove(id)
                if state.closed || state.expired.remove(id) != nil { return .refused(waited: true) }
                if state.inUse < capacity {
                    state.inUse += 1
                    return .afterWait
                }
                state.waiters.append((id, continuation))
                return nil
            }
            if let decided { continuation.resume(returning: decided) }
        }
    }

    /// Gives a slot back: to the first waiter if any, else to the pool.
    func release() {
        let waiter: CheckedContinuation<Grant, Never>? = state.withLock { state in
            if !state.waiters.isEmpty { return state.waiters.removeFirst().continuation }
            state.inUse = max(0, state.inUse - 1)
            return nil
        }
        waiter?.resume(returning: .afterWait)
    }

    /// Refuses every waiting and later acquisition.
    func close() {
        let waiters = state.withLock { state in
            state.closed = true
            defer { state.waiters.removeAll() }
            return state.waiters.map(\.continuation)
        }
        for waiter in waiters { waiter.resume(returning: .refused(waited: true)) }
    }

    private func expire(_ id: Int) {
        let waiter: CheckedContinuation<Grant, Never>? = state.withLock { state in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else {
                if state.unregistered.contains(id) { state.expired.insert(id) }
                return nil
            }
            return state.waiters.remove(at: index).continuation
        }
        waiter?.resume(returning: .refused(waited: true))
    }
}
