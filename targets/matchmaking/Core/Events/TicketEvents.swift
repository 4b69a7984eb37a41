import NIOCore
import NIOPosix
import RedisClient
import Synchronization

/// Wakes in-process waiters when their ticket resolves, from the Redis stream of ticket events (`{prefix}events`).
///
/// One reader loop runs `XREAD BLOCK` on its own dedicated connection (a client of one connection whose command
/// timeout exceeds the block time), so waiters never poll Redis: each registers its ticket id, and the loop resumes
/// every waiter of a ticket whose `matched`, `cancelled` or `timed_out` event arrives.
///
/// **Lifecycle**: the reader starts lazily with the first ``start()`` (which ``RedisTicketService/awaitResolution(of:timeout:)``
/// calls), or explicitly by calling ``start()`` beforehand; it reads from the stream's last entry at that moment on.
/// ``stop()`` ends it: the loop's connection is closed, and every waiter is resumed (and sees its ticket as it stands).
public final class TicketEvents: Sendable {
    /// A registered waiter.
    struct Token: Hashable, Sendable {
        let ticket: String
        let serial: UInt64
    }

    private enum Slot {
        case armed
        /// Woken: by the ticket's event (with it), or by its timeout, a cancellation or a stop (nil).
        case fired(TicketEvent?)
        case waiting(UnsafeContinuation<TicketEvent?, Never>)
    }

    private struct State {
        var waiters: [String: [UInt64: Slot]] = [:]
        var serial: UInt64 = 0
        var starting: Task<Void, any Error>?
        var reader: Task<Void, Never>?
        var stopped = false
    }

    private let client: RedisClient
    private let streamKey: String
    private let block: Duration
    private let state = Mutex(State())

    /// Events of the queue under `keyPrefix`, read through a dedicated connection to the server of `configuration`
    /// (its pool size and command timeout are replaced), blocking at most `block` per read.
    public init(configuration: RedisConfiguration, keyPrefix: String, block: Duration = .seconds(1)) {
        var dedicated = configuration
        dedicated.poolSize = 1
        dedicated.commandTimeout = block + .seconds(5)
        client = RedisClient(configuration: dedicated)
        streamKey = keyPrefix + "events"
        self.block = block
    }

    deinit {
        client.close()
    }

    /// Starts the reader loop if it is not running yet, and returns once it reads from the stream's current end.
    /// - Throws: ``MatchmakingError/unavailable(_:)`` if Redis cannot be read or after ``stop()``.
    public func start() async throws(MatchmakingError) {
        let starting: Task<Void, any Error> = try state.withLock { (state) throws(MatchmakingError) in
            if state.stopped { throw MatchmakingError.unavailable("ticket events are stopped") }
            if let starting = state.starting { return starting }
            let starting = Task { try await self.launchReader() }
            state.starting = starting
            return starting
        }
        do {
            try await starting.value
        } catch {
            state.withLock { state in
                if state.reader == nil { state.starting = nil }
            }
            throw MatchmakingError.unavailable("ticket events: \(error)")
        }
    }

    /// Stops the reader and resumes every waiter. Later ``start()`` calls fail.
    public func stop() {
        let (reader, continuations) = state.withLock { state in
            state.stopped = true
            let reader = state.reader
            state.reader = nil
            var continuations: [UnsafeContinuation<TicketEvent?, Never>] = []
            for (_, slots) in state.waiters {
                for (_, slot) in slots {
                    if case .waiting(let continuation) = slot { continuations.append(continuation) }
                }
            }
            state.waiters = [:]
            return (reader, continuations)
        }
        reader?.cancel()
        client.close()
        for continuation in continuations { continuation.resume(returning: nil) }
    }

    /// Registers a waiter for `ticket`: events from now on are not missed.
    func register(_ ticket: String) -> Token {
        state.withLock { state in
            state.serial &+= 1
            state.waiters[ticket, default: [:]][state.serial] = .armed
            return Token(ticket: ticket, serial: state.serial)
        }
    }

    /// Removes a waiter.
    func unregister(_ token: Token) {
        state.withLock { state in
            state.waiters[token.ticket]?[token.serial] = nil
            if state.waiters[token.ticket]?.isEmpty == true { state.waiters[token.ticket] = nil }
        }
    }

    /// Waits until the waiter's ticket has an event (since ``register(_:)``), `timeout` seconds pass, the task is
    /// cancelled or the events stop; returns the event, or nil when none came.
    @discardableResult
    func wait(_ token: Token, timeout: Double) async -> TicketEvent? {
        let timer = startTimer(for: token, after: .seconds(max(0, timeout)))
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<TicketEvent?, Never>) in
                let resumeNow = state.withLock { state -> (Bool, TicketEvent?) in
                    guard !state.stopped, let slot = state.waiters[token.ticket]?[token.serial] else { return (true, nil) }
                    switch slot {
                    case .armed:
                        state.waiters[token.ticket]?[token.serial] = .waiting(continuation)
                        return (false, nil)
                    case .fired(let event):
                        return (true, event)
                    case .waiting:
                        return (true, nil)
                    }
                }
                if resumeNow.0 { continuation.resume(returning: resumeNow.1) }
            }
        } onCancel: {
            self.fire(token)
        }
    }

    /// Fires `token` after `delay`: on the current event loop's timers when called on one (a gateway's handlers run on
    /// their connection's loop), which costs no thread wake-up; otherwise in a sleeping task.
    private func startTimer(for token: Token, after delay: Duration) -> WaitTimer {
        if let loop = MultiThreadedEventLoopGroup.currentEventLoop {
            return .loop(loop.scheduleTask(in: TimeAmount(delay)) { self.fire(token) })
        }
        return .task(Task {
            try? await Task.sleep(for: delay)
            self.fire(token)
        })
    }

    /// Resumes one waiter without an event (or marks it so it does not wait).
    private func fire(_ token: Token) {
        let continuation = state.withLock { state -> UnsafeContinuation<TicketEvent?, Never>? in
            guard let slot = state.waiters[token.ticket]?[token.serial] else { return nil }
            switch slot {
            case .waiting(let continuation):
                state.waiters[token.ticket]?[token.serial] = .fired(nil)
                return continuation
            case .armed:
                state.waiters[token.ticket]?[token.serial] = .fired(nil)
                return nil
            case .fired:
                return nil
            }
        }
        continuation?.resume(returning: nil)
    }

    /// Resumes every waiter of `event`'s ticket with it (and marks the armed ones).
    private func wake(_ event: TicketEvent) {
        let continuations = state.withLock { state -> [UnsafeContinuation<TicketEvent?, Never>] in
            guard var slots = state.waiters[event.ticket] else { return [] }
            var continuations: [UnsafeContinuation<TicketEvent?, Never>] = []
            for (serial, slot) in slots {
                switch slot {
                case .waiting(let continuation):
                    continuations.append(continuation)
                    slots[serial] = .fired(event)
                case .armed:
                    slots[serial] = .fired(event)
                case .fired:
                    break
                }
            }
            state.waiters[event.ticket] = slots
            return continuations
        }
        for continuation in continuations { continuation.resume(returning: event) }
    }

    private func launchReader() async throws {
        let last = try await client.send(["XREVRANGE", streamKey, "+", "-", "COUNT", "1"])
        let lastId = last.array?.first?.array?.first?.string ?? "0-0"
        let reader = Task { await self.read(from: lastId) }
        let stopped = state.withLock { state in
            if state.stopped { return true }
            state.reader = reader
            return false
        }
        if stopped { reader.cancel() }
    }

    private func read(from start: String) async {
        var lastId = start
        let blockMilliseconds = String(block.components.seconds * 1000 + block.components.attoseconds / 1_000_000_000_000_000)
        while !Task.isCancelled {
            do {
                let reply = try await client.send(["XREAD", "COUNT", "1000", "BLOCK", blockMilliseconds, "STREAMS", streamKey, lastId])
                guard let entries = reply.array?.first?.array?[1].array else { continue }
                for entry in entries {
                    guard let pair = entry.array, pair.count == 2, let id = pair[0].string else { continue }
                    lastId = id
                    guard let fields = pair[1].array else { continue }
                    for event in TicketEvent.events(fields: fields) where event.status.isFinal { wake(event) }
                }
            } catch {
                if Task.isCancelled { return }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}

/// The timeout of one wait: an event loop's scheduled task or a sleeping task.
private enum WaitTimer {
    case loop(Scheduled<Void>)
    case task(Task<Void, Never>)

    /// Stops the timer; it fires nothing afterwards (or already did).
    func cancel() {
        switch self {
        case .loop(let scheduled): scheduled.cancel()
        case .task(let task): task.cancel()
        }
    }
}
