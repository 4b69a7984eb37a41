import Hummingbird
import Logging
import MatchmakingGateway
import MatchmakingTelemetry
import NIOCore
import NIOPosix

// The floor of a Hummingbird 2 server on this machine: one route, `GET /hello` answering a fixed 5-byte body, on one
// event loop, served until killed. scripts/bench/hummingbird-floor.sh drives it with wrk and reads its CPU per
// request, to tell the framework's own cost from what the gateway adds on top of it.
//
// Usage: stampede-hummingbird-floor PORT VARIANT
//   plain    Hummingbird's HTTP/1 server as it comes (handlers on the concurrency pool, swift-log's StreamLogHandler)
//   loop     each connection's handlers on its event loop (the gateway's LoopBoundChannel)
//   lazylog  loop, logging through the services' LazyMetadataLogHandler
//   metrics  lazylog, plus the gateway's request metrics middleware (Prometheus counter and latency histogram): the
//            gateway's own set-up

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[1]), ["plain", "loop", "lazylog", "metrics"].contains(arguments[2]) else {
    print("usage: stampede-hummingbird-floor PORT plain|loop|lazylog|metrics")
    exit(2)
}
let variant = arguments[2]
var logger = ["plain", "loop"].contains(variant)
    ? Logger(label: "hummingbird-floor") : Logger(label: "hummingbird-floor", factory: LazyMetadataLogHandler.init(label:))
logger.logLevel = .warning
let router = Router()
if variant == "metrics" { router.add(middleware: HTTPMetricsMiddleware(telemetry: ServiceTelemetry())) }
router.get("/hello") { _, _ in "hello" }
let loops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let configuration = ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), backlog: 4096)
let app = Application(
    router: router, server: variant == "plain" ? .http1() : .http1BoundToLoops(), configuration: configuration,
    eventLoopGroupProvider: .shared(loops), logger: logger
)
try await app.runService()
