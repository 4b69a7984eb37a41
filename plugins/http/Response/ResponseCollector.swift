import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// A response as the `http` adapter reads it: its head, how many body bytes came, and the first of them.
struct CollectedResponse: Sendable {
    /// Status and headers.
    var head: HTTPResponseHead
    /// Body bytes received.
    var received: Int
    /// The body bytes kept (all of them when a check or capture reads the body, a short excerpt when the status
    /// was not the expected one, none otherwise).
    var kept: ByteBuffer
    /// Times the request was sent again because its kept-alive connection had been closed by the server.
    var retries = 0
}

/// Receives one response from AsyncHTTPClient, counting body bytes and keeping only those something will read.
///
/// Callbacks arrive on the request's event loop; the state sits behind a lock so that what came before a failure
/// (the status, the bytes) can be read from the awaiting task.
final class ResponseCollector: HTTPClientResponseDelegate {
    /// What has arrived so far.
    struct Progress: Sendable {
        /// The head, once it came.
        var head: HTTPResponseHead?
        /// Body bytes received.
        var received = 0
        /// Body bytes kept.
        var kept = ByteBuffer()
        /// How many body bytes to keep, decided when the head comes.
        var keep = 0
    }

    /// The most body bytes an action reads (16 MiB); a larger body fails the action with kind `http`.
    static let bodyLimit = 16 * 1024 * 1024
    /// Body bytes kept to quote in the message of an unexpected status.
    static let excerptLimit = 256

    /// Decides from the status how many body bytes to keep.
    private let keeping: BodyKeeping
    private let progress = NIOLockedValueBox(Progress())

    /// A collector keeping the body bytes `keeping` asks for.
    init(keeping: BodyKeeping) {
        self.keeping = keeping
    }

    /// What has arrived so far (after a failure: what came before it).
    var snapshot: Progress { progress.withLockedValue { $0 } }

    func didReceiveHead(task: HTTPClient.Task<CollectedResponse>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let keep = keeping.limit(status: Int(head.status.code))
        progress.withLockedValue {
            $0.head = head
            $0.keep = keep
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<CollectedResponse>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let tooLarge = progress.withLockedValue { progress -> Bool in
            progress.received += buffer.readableBytes
            guard progress.received <= Self.bodyLimit else { return true }
            let room = progress.keep - progress.kept.readableBytes
            guard room > 0 else { return false }
            if progress.kept.readableBytes == 0, buffer.readableBytes <= room {
                progress.kept = buffer
            } else {
                progress.kept.writeImmutableBuffer(buffer.getSlice(at: buffer.readerIndex, length: min(room, buffer.readableBytes))!)
            }
            return false
        }
        if tooLarge {
            task.fail(reason: HTTPFailure(kind: .http, message: "expected a body of at most 16 MiB, got more"))
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<CollectedResponse>) throws -> CollectedResponse {
        try progress.withLockedValue { progress in
            guard let head = progress.head else { throw HTTPClientError.remoteConnectionClosed }
            return CollectedResponse(head: head, received: progress.received, kept: progress.kept)
        }
    }
}
