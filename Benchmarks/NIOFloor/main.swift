import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

// The floor of an HTTP/1.1 load generator built on SwiftNIO's HTTP codec (which the `http` adapter uses): CONNECTIONS
// keep-alive connections, each sending the next `GET PATH` the moment the previous response ends, entirely inside the
// channel pipeline — no tasks, no async/await, no engine, no measurement. What it reaches is what any generator on
// SwiftNIO's codec could reach at best on this machine; scripts/bench/throughput.sh runs it beside stampede and wrk.
//
// Usage: stampede-nio-floor PORT CONNECTIONS SECONDS [PATH]    (host 127.0.0.1; prints "requests N seconds S")

/// Responses completed on one connection (written by its event loop only, read once at the end).
final class Tally: Sendable {
    let count = Atomic<Int>(0)
}

/// Sends a request, waits for the whole response, sends the next one.
final class Looper: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let head: HTTPRequestHead
    private let tally: Tally

    init(path: String, tally: Tally) {
        head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path,
                               headers: ["host": "127.0.0.1", "user-agent": "stampede-nio-floor"])
        self.tally = tally
    }

    func channelActive(context: ChannelHandlerContext) {
        send(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        tally.count.wrappingAdd(1, ordering: .relaxed)
        send(context)
    }

    private func send(_ context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 4, let port = Int(arguments[1]), let connections = Int(arguments[2]), connections > 0,
      let seconds = Int(arguments[3]), seconds > 0
else {
    print("usage: stampede-nio-floor PORT CONNECTIONS SECONDS [PATH]")
    exit(2)
}
let path = arguments.count > 4 ? arguments[4] : "/hello.txt"
let tallies = (0..<connections).map { _ in Tally() }
for tally in tallies {
    _ = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .channelOption(.socketOption(.tcp_nodelay), value: 1)
        .channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                try channel.pipeline.syncOperations.addHandler(Looper(path: path, tally: tally))
            }
        }
        .connect(host: "127.0.0.1", port: port).get()
}
let start = ContinuousClock.now
try await Task.sleep(for: .seconds(seconds))
let elapsed = ContinuousClock.now - start
let total = tallies.reduce(0) { $0 + $1.count.load(ordering: .relaxed) }
print("requests \(total) seconds \(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)")
exit(0)
