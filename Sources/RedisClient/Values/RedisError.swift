/// A failure talking to Redis, or an error reply from it.
public struct RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of a failure.
    public enum Kind: Sendable, Equatable, Hashable {
        /// The TCP connection (or AUTH/SELECT after it) could not be established. Nothing was sent.
        case connectionFailed
        /// No reply within the command timeout. The command may have run; the connection was discarded.
        case timeout
        /// Redis answered with an error reply; ``RedisError/message`` holds it verbatim.
        case server
        /// The connection broke while the command was in flight. It may have run; it is not retried.
        case connectionLost
        /// The client was closed.
        case closed
        /// The reply could not be understood.
        case invalidReply
    }

    /// The category of the failure.
    public let kind: Kind
    /// What went wrong (for ``Kind/server``, the server's error text, e.g. `WRONGTYPE Operation ...`).
    public let message: String
    /// What the user can do about it, when known.
    public let hint: String?

    /// Creates an error.
    public init(kind: Kind, message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    /// The first word of a server error (`WRONGTYPE`, `NOSCRIPT`, `ERR`, ...); nil for other kinds.
    public var serverCode: String? {
        guard kind == .server else { return nil }
        return message.split(separator: " ", maxSplits: 1).first.map(String.init)
    }

    /// The message followed by the hint, e.g. `cannot connect to redis at 127.0.0.1:6390: Connection refused — is
    /// redis-server running?`.
    public var description: String {
        hint.map { "\(message) — \($0)" } ?? message
    }

    /// The error raised by every command after ``RedisClient/close()``.
    static let closed = RedisError(kind: .closed, message: "the redis client is closed")

    /// The error for an error reply.
    static func server(_ message: String) -> RedisError {
        RedisError(kind: .server, message: message)
    }
}
