import EventLoopExecutor
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// An HTTP/1 server whose connections run their handlers on the connection's own event loop.
///
/// Hummingbird runs each connection in a task on the cooperative pool: every request then hops from the event loop to
/// a pool thread and every response back. Pinned to the loop, a request is read, handled and answered on one thread,
/// and a handler's `await` (a Redis reply) resumes there too.
public struct LoopBoundChannel<Base: ServerChildChannel>: ServerChildChannel {
    /// The wrapped channel's value.
    public typealias Value = Base.Value

    /// The channel whose handler is pinned.
    public let base: Base

    /// Sets the connection up as `base` does.
    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger)
    }

    /// Handles the connection as `base` does, with its event loop as the task's executor.
    public func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(loop: value.channel.eventLoop)) {
            await base.handle(value: value, logger: logger)
        }
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 whose connections handle their requests on their own event loop (see ``LoopBoundChannel``).
    public static func http1BoundToLoops(configuration: HTTP1Channel.Configuration = .init()) -> HTTPServerBuilder {
        .init { responder in LoopBoundChannel(base: HTTP1Channel(responder: responder, configuration: configuration)) }
    }
}
