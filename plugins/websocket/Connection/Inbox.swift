import Synchronization

/// The messages a connection received and no `receive` took yet, and the one player waiting for the next of them.
///
/// The connection's reading task pushes; the player's action takes, waiting up to a deadline. The engine never
/// performs two actions of one player at once, so at most one waiter exists; a second waiter is answered at once
/// with an error rather than trusted to that rule.
final class Inbox: Sendable {
    /// What a wait for the next message ends with.
    enum Event: Sendable, Equatable {
        /// A message, as text.
        case message(String)
        /// The connection ended (and every buffered message was taken).
        case ended(WebSocketFailure)
        /// The deadline passed.
        case timedOut
        /// The waiting task was cancelled.
        case cancelled
    }

    /// The waiter's progress. A token tells waits apart, so that a late timer cannot end a later wait.
    private enum Waiter {
        /// Nobody waits.
        case idle
        /// A wait began but its continuation is not installed yet.
        case arming(token: UInt64)
        /// The wait was decided (timer, cancellation) before its continuation was installed.
        case decided(token: UInt64, Event)
        /// A wait is suspended.
        case waiting(token: UInt64, CheckedContinuation<Event, Never>)
    }

    private struct State {
        var queue: MessageQueue
        var end: WebSocketFailure?
        var waiter: Waiter = .idle
        var nextToken: UInt64 = 0
    }

    /// The state, behind a lock.
    private let state: Mutex<State>
    /// Where dropped messages are counted.
    private let drops: DropCounter

    /// An empty inbox holding at most `capacity` messages, counting drops in `drops`.
    init(capacity: Int, drops: DropCounter) {
        state = Mutex(State(queue: MessageQueue(capacity: capacity)))
        self.drops = drops
    }

    /// How many received messages wait to be taken.
    var count: Int { state.withLock { $0.queue.count } }

    /// Why the connection ended, once it did (buffered messages may still wait).
    var end: WebSocketFailure? { state.withLock { $0.end } }

    /// Adds a received message, handing it straight to a suspended waiter if there is one.
    func push(_ message: String) {
        let handOff: CheckedContinuation<Event, Never>? = state.withLock { state in
            if case .waiting(_, let continuation) = state.waiter {
                state.waiter = .idle
                return continuation
            }
            if state.queue.append(message) { drops.increment() }
            return nil
        }
        handOff?.resume(returning: .message(message))
    }

    /// Records that the connection ended (the first reason given wins) and wakes a suspended waiter.
    func finish(_ reason: WebSocketFailure) {
        let wake: CheckedContinuation<Event, Never>? = state.withLock { state in
            if state.end == nil { state.end = reason }
            if case .waiting(_, let continuation) = state.waiter {
                state.waiter = .idle
                return continuation
            }
            return nil
        }
        wake?.resume(returning: .ended(reason))
    }

    /// Discards every buffered message (before a send whose reply must not be confused with older messages) and
    /// returns their size in bytes.
    func discardBuffered() -> Int {
        state.withLock { state in
            var bytes = 0
            while let message = state.queue.popFirst() { bytes += message.utf8.count }
            return bytes
        }
    }

    /// The next message, or why none comes: the connection ended, the deadline passed or the task was cancelled.
    func next(until deadline: ContinuousClock.Instant) async -> Event {
        let start: (immediate: Event?, token: UInt64) = state.withLock { state in
            if let message = state.queue.popFirst() { return (.message(message), 0) }
            if let end = state.end { return (.ended(end), 0) }
            guard case .idle = state.waiter else {
                return (.ended(WebSocketFailure(.websocket, "two actions of one player waited on one connection")), 0)
            }
            state.nextToken &+= 1
            state.waiter = .arming(token: state.nextToken)
            return (nil, state.nextToken)
        }
        if let immediate = start.immediate { return immediate }
        let token = start.token
        return await withTaskGroup(of: Void.self, returning: Event.self) { group in
            group.addTask {
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    self.decide(token, .timedOut)
                } catch {
                    // Cancelled: the wait ended otherwise.
                }
            }
            let event = await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in install(token, continuation) }
            } onCancel: {
                decide(token, .cancelled)
            }
            group.cancelAll()
            return event
        }
    }

    /// Suspends the wait `token` on `continuation`, unless something already answers it.
    private func install(_ token: UInt64, _ continuation: CheckedContinuation<Event, Never>) {
        let answer: Event? = state.withLock { state in
            switch state.waiter {
            case .decided(let decided, let event) where decided == token:
                state.waiter = .idle
                return event
            case .arming(let armed) where armed == token:
                if let message = state.queue.popFirst() {
                    state.waiter = .idle
                    return .message(message)
                }
                if let end = state.end {
                    state.waiter = .idle
                    return .ended(end)
                }
                state.waiter = .waiting(token: token, continuation)
                return nil
            default:
                return .ended(WebSocketFailure(.websocket, "the inbox lost track of a wait"))
            }
        }
        if let answer { continuation.resume(returning: answer) }
    }

    /// Ends the wait `token` with `event` (a timeout or a cancellation), if it is still going on.
    private func decide(_ token: UInt64, _ event: Event) {
        let wake: CheckedContinuation<Event, Never>? = state.withLock { state in
            switch state.waiter {
            case .waiting(let waiting, let continuation) where waiting == token:
                state.waiter = .idle
                return continuation
            case .arming(let armed) where armed == token:
                state.waiter = .decided(token: token, event)
                return nil
            default:
                return nil
            }
        }
        wake?.resume(returning: event)
    }
}
