import NIOCore
import NIOHTTP1
import NIOPosix

/// One plain (`http://`) HTTP/1.1 connection on a SwiftNIO channel: request encoder, response decoder and an
/// ``HTTP1ClientHandler`` that runs one exchange at a time.
///
/// This is the `http` adapter's hot path: compared with AsyncHTTPClient it skips the request and URL objects, the
/// delegate, the pool's state machine and the hops between them, which the throughput benchmark showed cost most of
/// the CPU per request (see BENCHMARKS.md).
final class HTTP1Connection: Sendable {
    /// The channel.
    let channel: any Channel

    private init(channel: any Channel) {
        self.channel = channel
    }

    /// Whether the connection is still open (a closed one is never reused).
    var isOpen: Bool { channel.isActive }

    /// Connects to `endpoint` on `loop`, giving up after `timeout` seconds.
    /// - Throws: what SwiftNIO throws when the connection cannot be made (refused, unreachable, timeout).
    static func connect(to endpoint: HTTPEndpoint, on loop: any EventLoop, timeout: Double) async throws -> HTTP1Connection {
        let channel = try await ClientBootstrap(group: loop)
            .connectTimeout(.nanoseconds(Int64(min(timeout, 1e6) * 1e9)))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                do {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(HTTP1ClientHandler())
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            .connect(host: endpoint.host, port: endpoint.port)
            .get()
        return HTTP1Connection(channel: channel)
    }

    /// Sends a request and reads its whole response, by `deadline`.
    ///
    /// Cancelling the calling task closes the connection, which fails the exchange.
    /// - Throws: ``HTTP1ExchangeError``.
    func exchange(head: HTTPRequestHead, body: ByteBuffer?, keeping: BodyKeeping, deadline: NIODeadline) async throws -> CollectedResponse {
        let channel = self.channel
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                channel.writeAndFlush(
                    HTTP1Exchange(head: head, body: body, keeping: keeping, deadline: deadline, continuation: continuation),
                    promise: nil)
            }
        } onCancel: {
            channel.close(promise: nil)
        }
    }

    /// Closes the connection.
    func close() {
        channel.close(promise: nil)
    }
}
