import Hummingbird
import NIOCore
import NIOHTTP1

/// Makes a refused WebSocket upgrade answer a chosen HTTP status.
///
/// hummingbird-websocket 2.8.1 answers every refused upgrade (`shouldUpgrade` throwing or declining) with an empty
/// `400 Bad Request` and `Connection: close`, whatever the router's error. Before refusing, the proxy adds this handler
/// to the connection's pipeline (behind the HTTP/1 encoder, ahead of the codec added for the refusal), where it
/// rewrites that response's status; headers and the empty body stay as the library writes them.
final class UpgradeRefusal: ChannelOutboundHandler, RemovableChannelHandler, Sendable {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let status: HTTPResponseStatus

    private init(status: HTTPResponse.Status) {
        self.status = HTTPResponseStatus(statusCode: status.code, reasonPhrase: status.reasonPhrase)
    }

    /// Makes the refused upgrade on `channel` answer `status`.
    static func install(on channel: any Channel, status: HTTPResponse.Status) async throws {
        try await channel.pipeline.addHandler(UpgradeRefusal(status: status)).get()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var part = unwrapOutboundIn(data)
        if case .head(var head) = part {
            head.status = status
            part = .head(head)
        }
        context.write(wrapOutboundOut(part), promise: promise)
    }
}
