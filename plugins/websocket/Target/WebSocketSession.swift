import StampedePluginAPI
import Synchronization

/// A player's state on a `websocket` target: its connection, if it opened one.
final class WebSocketSession: PlayerSession {
    /// The connection, behind a lock (the run's end may close it while an action is running).
    private let slot = Mutex<WebSocketConnection?>(nil)

    /// A session without a connection.
    init() {}

    /// The player's connection.
    var connection: WebSocketConnection? { slot.withLock { $0 } }

    /// Makes `connection` the player's connection, returning the previous one.
    func replace(with connection: WebSocketConnection?) -> WebSocketConnection? {
        slot.withLock { slot in
            let previous = slot
            slot = connection
            return previous
        }
    }

    /// Closes the player's connection, if any, and waits until it is over.
    func close() async {
        await replace(with: nil)?.shutdown()
    }
}
