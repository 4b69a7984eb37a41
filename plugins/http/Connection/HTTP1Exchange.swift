import NIOCore
import NIOHTTP1

/// One request/response exchange handed to a connection's ``HTTP1ClientHandler``: what to send, how much of the
/// body to keep, when to give up, and whom to tell.
struct HTTP1Exchange: Sendable {
    /// The request head (method, target, headers including `host` and `content-length`).
    var head: HTTPRequestHead
    /// The request body, if any.
    var body: ByteBuffer?
    /// Decides how many body bytes to keep once the status is known.
    var keeping: BodyKeeping
    /// When the whole exchange (head and body) must be over.
    var deadline: NIODeadline
    /// Resumed once, with the response or an ``HTTP1ExchangeError``.
    var continuation: CheckedContinuation<CollectedResponse, any Error>
}

/// How many response body bytes an exchange keeps, decided by the status: all of them (up to the body limit) when a
/// check or capture reads the body, a short excerpt for an unexpected status, none otherwise.
struct BodyKeeping: Sendable {
    /// `expect_status`, or `nil` for "any status below 400".
    var expectedStatus: Int?
    /// Whether a check or a capture reads the body.
    var needsBody: Bool
    /// Whether the whole body of an unexpected status is kept too (not only an excerpt).
    var keepErrorBodies = false

    /// The bytes to keep of a response with status `code`.
    func limit(status code: Int) -> Int {
        let accepted = expectedStatus.map { code == $0 } ?? (code < 400)
        if !accepted && !keepErrorBodies { return ResponseCollector.excerptLimit }
        return needsBody ? ResponseCollector.bodyLimit : 0
    }
}

/// Why an exchange over a plain HTTP/1.1 connection failed, with what had arrived before.
struct HTTP1ExchangeError: Error {
    /// What went wrong.
    enum Reason: Sendable {
        /// The deadline passed.
        case timeout
        /// The connection closed before the response was complete.
        case closed
        /// The body passed the 16 MiB limit.
        case tooLarge
        /// The connection is busy or unusable (a programming error in the pool, reported rather than hidden).
        case unusable
        /// The channel reported an error.
        case channel(any Error)
    }

    /// What went wrong.
    var reason: Reason
    /// The response head, when it had come.
    var head: HTTPResponseHead?
    /// Body bytes received before the failure.
    var received: Int
}
