import NIOCore
import NIOPosix
import Synchronization

/// Plain HTTP/1.1 connections to each endpoint, at most `limit` open at once per endpoint; requests beyond that wait
/// (until their deadline) for one to come back.
///
/// Idle connections on the caller's own event loop are preferred, and new ones open there, so that a task running
/// on an event loop sends and receives without a thread hop.
final class HTTP1ConnectionPool: Sendable {
    /// What a lease gets: an idle connection, or the right to open a new one.
    enum Grant: Sendable {
        /// Use this idle connection.
        case use(HTTP1Connection)
        /// Open a new connection (a slot under the limit is reserved for it).
        case open
    }

    /// A request waiting for a connection.
    struct Waiter {
        /// Identifies it (to time it out or cancel it).
        var id: UInt64
        /// Resumed with a grant, or with an error when the deadline passes or the pool closes.
        var continuation: CheckedContinuation<Grant, any Error>
    }

    /// The connections of one endpoint.
    struct EndpointState {
        /// Open connections not in use.
        var idle: [HTTP1Connection] = []
        /// Connections open or opening (idle ones included).
        var open = 0
        /// Requests waiting, first come first served.
        var waiters: [Waiter] = []
    }

    /// The pool's state.
    struct State {
        var endpoints: [HTTPEndpoint: EndpointState] = [:]
        var nextWaiter: UInt64 = 0
        var closed = false
    }

    /// The most connections open at once to one endpoint.
    let limit: Int
    /// Seconds a connection attempt may take.
    let connectTimeout: Double
    /// The event loops connections live on.
    let group: MultiThreadedEventLoopGroup
    private let state = Mutex(State())

    /// A pool of at most `limit` connections per endpoint on `group`'s event loops.
    init(limit: Int, connectTimeout: Double, group: MultiThreadedEventLoopGroup = .singleton) {
        self.limit = max(1, limit)
        self.connectTimeout = connectTimeout
        self.group = group
    }

    /// A connection to `endpoint`, idle or new, by `deadline`, and whether it is a kept-alive one that served an
    /// earlier request (only those go idle); give it back with ``release(_:to:reusable:)``.
    /// - Throws: ``HTTP1ExchangeError`` (timeout) when none came in time, or what connecting throws.
    func lease(_ endpoint: HTTPEndpoint, deadline: NIODeadline) async throws -> (connection: HTTP1Connection, reused: Bool) {
        let loop = MultiThreadedEventLoopGroup.currentEventLoop
        let immediate: Grant? = try state.withLock { state in
            guard !state.closed else { throw HTTP1ExchangeError(reason: .closed, received: 0) }
            return Self.grant(&state.endpoints[endpoint, default: EndpointState()], limit: limit, loop: loop)
        }
        let grant: Grant
        if let immediate {
            grant = immediate
        } else {
            grant = try await wait(for: endpoint, deadline: deadline, loop: loop)
        }
        switch grant {
        case .use(let connection):
            return (connection, true)
        case .open:
            do {
                let left = Double((deadline - .now()).nanoseconds) / 1e9
                let connection = try await HTTP1Connection.connect(
                    to: endpoint, on: loop ?? group.next(), timeout: max(0.001, min(connectTimeout, left)))
                return (connection, false)
            } catch {
                forfeit(endpoint)
                throw error
            }
        }
    }

    /// Gives a leased connection back: kept for the next request when `reusable` and still open, else closed (and
    /// its slot passed to a waiting request).
    func release(_ connection: HTTP1Connection, to endpoint: HTTPEndpoint, reusable: Bool) {
        let keep = reusable && connection.isOpen
        let handOver: (Waiter, Grant)? = state.withLock { state in
            guard !state.closed else { return nil }
            return Self.release(&state.endpoints[endpoint, default: EndpointState()], connection: keep ? connection : nil)
        }
        if !keep || state.withLock({ $0.closed }) { connection.close() }
        if let (waiter, grant) = handOver { waiter.continuation.resume(returning: grant) }
    }

    /// Closes every idle connection and fails every waiting request; connections in use close when released.
    func shutdown() {
        let (connections, waiters) = state.withLock { state in
            state.closed = true
            let connections = state.endpoints.values.flatMap(\.idle)
            let waiters = state.endpoints.values.flatMap(\.waiters)
            state.endpoints = [:]
            return (connections, waiters)
        }
        connections.forEach { $0.close() }
        for waiter in waiters { waiter.continuation.resume(throwing: HTTP1ExchangeError(reason: .closed, received: 0)) }
    }

    /// Waits for a connection or a free slot until `deadline`, or until the task is cancelled.
    private func wait(for endpoint: HTTPEndpoint, deadline: NIODeadline, loop: (any EventLoop)?) async throws -> Grant {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        let timer = (loop ?? group.next()).scheduleTask(deadline: deadline) { [self] in
            expire(id, at: endpoint, with: HTTP1ExchangeError(reason: .timeout, received: 0))
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Grant, any Error>) in
                let immediate: Result<Grant, HTTP1ExchangeError>? = state.withLock { state in
                    guard !state.closed else { return .failure(HTTP1ExchangeError(reason: .closed, received: 0)) }
                    if let grant = Self.grant(&state.endpoints[endpoint, default: EndpointState()], limit: limit, loop: loop) {
                        return .success(grant)
                    }
                    state.endpoints[endpoint, default: EndpointState()].waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            expire(id, at: endpoint, with: CancellationError())
        }
    }

    /// Fails waiter `id` with `error`, if it is still waiting.
    private func expire(_ id: UInt64, at endpoint: HTTPEndpoint, with error: any Error) {
        let waiter: Waiter? = state.withLock { state in
            guard let index = state.endpoints[endpoint]?.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.endpoints[endpoint]?.waiters.remove(at: index)
        }
        waiter?.continuation.resume(throwing: error)
    }

    /// Gives back the slot of a connection that could not be opened (to a waiting request, if any).
    private func forfeit(_ endpoint: HTTPEndpoint) {
        let handOver: Waiter? = state.withLock { state in
            guard !state.closed, var endpointState = state.endpoints[endpoint] else { return nil }
            defer { state.endpoints[endpoint] = endpointState }
            if endpointState.waiters.isEmpty {
                endpointState.open -= 1
                return nil
            }
            return endpointState.waiters.removeFirst()
        }
        handOver?.continuation.resume(returning: .open)
    }

    /// An idle connection (preferring one on `loop`) or a new slot, if either is free.
    private static func grant(_ endpoint: inout EndpointState, limit: Int, loop: (any EventLoop)?) -> Grant? {
        if let loop, let index = endpoint.idle.lastIndex(where: { $0.channel.eventLoop === loop }) {
            let connection = endpoint.idle.remove(at: index)
            if connection.isOpen { return .use(connection) }
            endpoint.open -= 1
        }
        while let connection = endpoint.idle.popLast() {
            if connection.isOpen { return .use(connection) }
            endpoint.open -= 1
        }
        guard endpoint.open < limit else { return nil }
        endpoint.open += 1
        return .open
    }

    /// Puts `connection` back (or, when nil, frees its slot), handing it or the slot to the first waiter.
    private static func release(_ endpoint: inout EndpointState, connection: HTTP1Connection?) -> (Waiter, Grant)? {
        if endpoint.waiters.isEmpty {
            if let connection { endpoint.idle.append(connection) } else { endpoint.open -= 1 }
            return nil
        }
        let waiter = endpoint.waiters.removeFirst()
        return (waiter, connection.map { .use($0) } ?? .open)
    }
}
