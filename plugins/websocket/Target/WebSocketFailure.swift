import StampedePluginAPI

/// Why a `websocket` action failed: an error kind that reports group by, and a message saying what was expected
/// and what came.
struct WebSocketFailure: Error, Sendable, Equatable {
    /// The error kinds of the `websocket` adapter.
    enum Kind: String, Sendable {
        /// `send`, `receive` or `exchange` without an open connection.
        case notConnected = "not_connected"
        /// The connection could not be opened (refused, handshake failed, …).
        case connect
        /// Nothing (matching) arrived in time, or opening took too long.
        case timeout
        /// The server closed the connection.
        case closed
        /// Messages came within the timeout, but none matched.
        case noMatch = "no_match"
        /// A capture found nothing in the awaited message (the HTTP adapter's kind for the same).
        case captureMissing = "capture_missing"
        /// The run stopped during the action.
        case cancelled
        /// Any other problem.
        case websocket
    }

    /// The kind.
    var kind: Kind
    /// What happened.
    var message: String

    /// Creates a failure.
    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The failure as an action outcome, keeping the bytes already counted.
    func outcome(bytesIn: Int = 0, bytesOut: Int = 0) -> ActionOutcome {
        ActionOutcome(status: .error(kind: kind.rawValue, message: message), bytesIn: bytesIn, bytesOut: bytesOut)
    }

    /// The failure of an action that needs a connection when the player has none.
    static func notConnected(_ action: String) -> WebSocketFailure {
        WebSocketFailure(.notConnected, "\(action) needs an open connection: connect first")
    }

    /// The run stopped during the action.
    static let cancelled = WebSocketFailure(.cancelled, "the run stopped during the action")
}
