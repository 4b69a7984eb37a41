import Synchronization

/// The live connections of a target, so that its teardown ends every one of them, whatever their players did.
final class ConnectionRegistry: Sendable {
    private struct State {
        var live: [ObjectIdentifier: WebSocketConnection] = [:]
        var shutDown = false
    }

    /// The state, behind a lock.
    private let state = Mutex(State())

    /// An empty registry.
    init() {}

    /// How many connections are live.
    var count: Int { state.withLock { $0.live.count } }

    /// Tracks a new connection; `false` once the registry is shut down.
    func insert(_ connection: WebSocketConnection) -> Bool {
        state.withLock { state in
            guard !state.shutDown else { return false }
            state.live[ObjectIdentifier(connection)] = connection
            return true
        }
    }

    /// Stops tracking a connection that ended.
    func remove(_ connection: WebSocketConnection) {
        _ = state.withLock { $0.live.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    /// Refuses new connections, then closes every live one and waits for them (each for a bounded time).
    func shutdown() async {
        let live = state.withLock { state in
            state.shutDown = true
            return Array(state.live.values)
        }
        await withTaskGroup(of: Void.self) { group in
            for connection in live {
                group.addTask { await connection.shutdown() }
            }
        }
    }
}
