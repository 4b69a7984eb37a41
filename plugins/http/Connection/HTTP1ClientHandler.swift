import NIOCore
import NIOHTTP1

/// Runs one exchange at a time on a plain HTTP/1.1 connection: writes the request it is given, counts and keeps the
/// response body as its ``BodyKeeping`` says, and resumes the exchange's continuation exactly once — with the
/// response, or with an ``HTTP1ExchangeError`` on timeout, close, oversize body or channel error (closing the
/// connection, which is then not reused).
final class HTTP1ClientHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTP1Exchange
    typealias OutboundOut = HTTPClientRequestPart

    /// The exchange in progress.
    private var pending: HTTP1Exchange?
    /// Its response head, once it came.
    private var head: HTTPResponseHead?
    /// Body bytes received.
    private var received = 0
    /// Body bytes kept.
    private var kept = ByteBuffer()
    /// How many body bytes to keep.
    private var keep = 0
    /// The connection's timer and when it fires. It is not cancelled when an exchange ends in time: it stays armed
    /// for a later exchange (most end long before their deadline), and when it fires it fails the pending exchange if
    /// that one's deadline has passed, or re-arms for it. So a request costs no timer scheduling in the common case.
    private var timer: (task: Scheduled<Void>, fires: NIODeadline)?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        guard pending == nil, context.channel.isActive else {
            exchange.continuation.resume(throwing: HTTP1ExchangeError(reason: pending == nil ? .closed : .unusable, received: 0))
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        pending = exchange
        head = nil
        received = 0
        kept = ByteBuffer()
        keep = 0
        if let timer, timer.fires <= exchange.deadline {
            // Already armed early enough: it re-arms for this exchange's deadline when it fires.
        } else {
            timer?.task.cancel()
            arm(at: exchange.deadline, context: context)
        }
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        if let body = exchange.body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.write(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let exchange = pending else { return }
        switch unwrapInboundIn(data) {
        case .head(let responseHead):
            head = responseHead
            keep = exchange.keeping.limit(status: Int(responseHead.status.code))
        case .body(let buffer):
            received += buffer.readableBytes
            guard received <= ResponseCollector.bodyLimit else {
                fail(.tooLarge, context: context)
                return
            }
            let room = keep - kept.readableBytes
            if room > 0 {
                if kept.readableBytes == 0, buffer.readableBytes <= room {
                    kept = buffer
                } else {
                    var slice = buffer.getSlice(at: buffer.readerIndex, length: min(room, buffer.readableBytes))!
                    kept.writeBuffer(&slice)
                }
            }
        case .end:
            guard let responseHead = head else {
                fail(.closed, context: context)
                return
            }
            pending = nil
            let response = CollectedResponse(head: responseHead, received: received, kept: kept)
            kept = ByteBuffer()
            exchange.continuation.resume(returning: response)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed, context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(.channel(error), context: context)
    }

    /// Arms the timer to fire at `deadline`.
    private func arm(at deadline: NIODeadline, context: ChannelHandlerContext) {
        let task = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            timerFired(context: context)
        }
        timer = (task, deadline)
    }

    /// Fails the pending exchange if its deadline has passed, else re-arms for it (or stays idle without one).
    private func timerFired(context: ChannelHandlerContext) {
        timer = nil
        guard let exchange = pending else { return }
        if exchange.deadline <= .now() {
            fail(.timeout, context: context)
        } else {
            arm(at: exchange.deadline, context: context)
        }
    }

    /// Fails the pending exchange (if any) and closes the connection.
    private func fail(_ reason: HTTP1ExchangeError.Reason, context: ChannelHandlerContext) {
        timer?.task.cancel()
        timer = nil
        if let exchange = pending {
            pending = nil
            exchange.continuation.resume(throwing: HTTP1ExchangeError(reason: reason, head: head, received: received))
        }
        if context.channel.isActive { context.close(promise: nil) }
    }
}
