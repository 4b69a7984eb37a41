/// Why a `redis-server` process could not be started.
public struct RedisServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of a start failure.
    public enum Kind: Sendable, Equatable {
        /// No `redis-server` executable was found.
        case executableNotFound
        /// The process could not be launched or exited before answering.
        case launchFailed
        /// The process did not answer PING in time.
        case notReady
        /// No free loopback port could be reserved.
        case noFreePort
    }

    /// The category of the failure.
    public let kind: Kind
    /// What went wrong, in plain words.
    public let message: String
    /// What the user can do about it, when known.
    public let hint: String?

    /// Creates an error.
    public init(kind: Kind, message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    /// The message followed by the hint.
    public var description: String {
        hint.map { "\(message) — \($0)" } ?? message
    }
}
