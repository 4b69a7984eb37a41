import NIOCore
import NIOPosix
import Synchronization

/// A raw HTTP/1.1 server that answers the first request of each connection (200, keep-alive) and closes the
/// connection unanswered when a second request comes on it: a server closing an idle keep-alive connection just as
/// the client reuses it.
struct ClosingHTTPServer: Sendable {
    /// What the server saw.
    final class Stats: Sendable {
        /// Connections accepted.
        let connections = Atomic<Int>(0)
        /// Requests answered.
        let answered = Atomic<Int>(0)
        /// Requests that found their connection closed instead.
        let refused = Atomic<Int>(0)
    }

    /// What the server saw.
    let stats: Stats
    private let channel: any Channel

    /// `http://127.0.0.1:PORT`.
    var baseURL: String { "http://127.0.0.1:\(channel.localAddress?.port ?? 0)" }

    /// Starts a server on a free loopback port, runs `body`, stops the server.
    static func run<T: Sendable>(_ body: (ClosingHTTPServer) async throws -> T) async throws -> T {
        let stats = Stats()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                stats.connections.wrappingAdd(1, ordering: .relaxed)
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(Handler(stats: stats))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let server = ClosingHTTPServer(stats: stats, channel: channel)
        do {
            let result = try await body(server)
            try? await channel.close()
            return result
        } catch {
            try? await channel.close()
            throw error
        }
    }

    /// Reads requests without bodies (up to the blank line): answers the first, closes on the second.
    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        private let stats: Stats
        private var requests = 0
        private var unread: [UInt8] = []

        init(stats: Stats) {
            self.stats = stats
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            unread += unwrapInboundIn(data).readableBytesView
            let end: [UInt8] = Array("\r\n\r\n".utf8)
            while let range = unread.firstRange(of: end) {
                unread.removeSubrange(..<range.upperBound)
                requests += 1
                if requests == 1 {
                    stats.answered.wrappingAdd(1, ordering: .relaxed)
                    let response = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: text/plain\r\n\r\nok"
                    context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: response)), promise: nil)
                } else {
                    stats.refused.wrappingAdd(1, ordering: .relaxed)
                    context.close(promise: nil)
                    return
                }
            }
        }
    }
}
