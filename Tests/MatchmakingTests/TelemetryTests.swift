import AsyncHTTPClient
import Hummingbird
import Logging
import MatchmakingTelemetry
import NIOCore
import ServiceLifecycle
import Testing

/// ``ServiceTelemetry``, ``HTTPMetricsMiddleware`` and the `/metrics` route on a small app of their own.
@Suite(.timeLimit(.minutes(1)))
struct TelemetryTests {
    @Test("the middleware labels requests with the route pattern, and two registries stay apart")
    func routePatternLabels() async throws {
        let telemetry = ServiceTelemetry()
        let other = ServiceTelemetry()
        other.counter("other_total").increment()
        let router = Router()
        router.add(middleware: HTTPMetricsMiddleware(telemetry: telemetry))
        router.addMetricsRoute(telemetry)
        router.get("/items/{id}") { _, context in
            guard context.parameters.get("id") != "missing" else { throw HTTPError(.notFound) }
            return "item"
        }
        var logger = Logger(label: "telemetry-test")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger
        )
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let exposition: String = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            var text = ""
            for path in ["/items/1", "/items/2", "/items/missing", "/nowhere", "/metrics"] {
                let response = try await http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(5))
                let body = try await response.body.collect(upTo: 1 << 20)
                if path == "/metrics" {
                    #expect(response.headers.first(name: "Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
                    text = String(buffer: body)
                }
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return text
        }
        try await http.shutdown()
        #expect(exposition.contains(#"http_requests_total{path="/items/{id}",status="200"} 2"#))
        #expect(exposition.contains(#"http_requests_total{path="/items/{id}",status="404"} 1"#))
        #expect(exposition.contains(#"http_request_duration_seconds_count{path="/items/{id}"} 3"#))
        #expect(!exposition.contains("/items/1"))
        #expect(!exposition.contains("/nowhere"))
        #expect(!exposition.contains("other_total"))
    }
}
