import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A real HTTP server for adapter tests, on 127.0.0.1 and a free port, started and stopped by ``run(_:)``.
///
/// Routes:
/// - `GET /json` — a fixed JSON document (``jsonBody``) with header `x-request-id: r-42`.
/// - `/echo` (every method) — JSON `{method, path, query, params, headers, body}` describing the request
///   (header names lowercased).
/// - `GET /status/{code}` — that status, body `status {code}`.
/// - `GET /sleep/{ms}` — answers `slept` after that many milliseconds.
/// - `GET /bytes/{n}` — a body of `n` bytes `x`.
/// - `GET /text` — `hello, load test` as text/plain.
/// - `GET /redirect/{n}` — `302` to `/redirect/{n-1}`, and `/redirect/0` to `/text` (relative location `text`).
/// - `GET /redirect-loop` — `302` to itself.
/// - `POST /see-other` — `303` to `/echo`.
/// - `GET /slow-body/{ms}` — status 200 and `start` at once, then `end` after that many milliseconds.
/// - `GET /stall/{from}/{until}` — answers at once, except that a request arriving between the two Unix times (in
///   milliseconds) is held until `until`: the whole server stalls for that window.
///
/// Every request is counted in ``stats``, with the client connection it came on.
struct HTTPTestServer: Sendable {
    /// The port the server listens on.
    let port: Int
    /// Requests and connections seen.
    let stats: HTTPServerStats

    /// `http://127.0.0.1:PORT`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The body of `GET /json`.
    static let jsonBody = #"{"token":"abc123","user":{"name":"Ada","tags":["a","b"]},"items":[{"id":7},{"id":8}],"ok":true,"count":42,"ratio":0.5,"none":null}"#

    /// Starts a server, runs `body` with it, and stops it (also when `body` throws).
    static func run<T: Sendable>(_ body: @Sendable (HTTPTestServer) async throws -> T) async throws -> T {
        let stats = HTTPServerStats()
        let router = Router(context: CountingRequestContext.self)
        router.add(middleware: CountingMiddleware(stats: stats))
        addRoutes(to: router)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "http-test-server")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        var configuration = ServiceGroupConfiguration(services: [.init(service: app)], logger: logger)
        // In-flight handlers (a long sleep) get this long before they are cancelled.
        configuration.maximumGracefulShutdownDuration = .milliseconds(300)
        let services = ServiceGroup(configuration: configuration)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            // Stop with a graceful shutdown, not by cancelling: cancelling a NIO server while it accepts a connection
            // traps ("Deinited NIOAsyncWriter without calling finish()", apple/swift-nio#3481).
            do {
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next(), port > 0 else { throw HTTPTestServerError.didNotStart }
                let result = try await body(HTTPTestServer(port: port, stats: stats))
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }

    private static func addRoutes(to router: Router<CountingRequestContext>) {
        router.get("/json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[HTTPField.Name("x-request-id")!] = "r-42"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: jsonBody)))
        }
        router.get("/text") { _, _ in "hello, load test" }
        router.get("/redirect/{n}") { _, context in
            let n = context.parameters.get("n", as: Int.self) ?? 0
            var headers = HTTPFields()
            headers[.location] = n > 0 ? "/redirect/\(n - 1)" : "../text"
            return Response(status: .found, headers: headers)
        }
        router.get("/redirect-loop") { _, _ in
            var headers = HTTPFields()
            headers[.location] = "/redirect-loop"
            return Response(status: .found, headers: headers)
        }
        router.post("/see-other") { _, _ in
            var headers = HTTPFields()
            headers[.location] = "/echo"
            return Response(status: .seeOther, headers: headers)
        }
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete, .head, .options] {
            router.on("/echo", method: method) { request, _ in try await echo(request) }
        }
        router.get("/status/{code}") { _, context in
            let code = try context.parameters.require("code", as: Int.self)
            return Response(status: .init(code: code), body: .init(byteBuffer: ByteBuffer(string: "status \(code)")))
        }
        router.get("/stall/{from}/{until}") { _, context in
            let from = try context.parameters.require("from", as: Int.self)
            let until = try context.parameters.require("until", as: Int.self)
            let now = Int(Date().timeIntervalSince1970 * 1000)
            if now >= from, now < until { try await Task.sleep(for: .milliseconds(until - now)) }
            return "ok"
        }
        router.get("/sleep/{ms}") { _, context in
            let milliseconds = try context.parameters.require("ms", as: Int.self)
            try await Task.sleep(for: .milliseconds(milliseconds))
            return "slept"
        }
        router.get("/slow-body/{ms}") { _, context in
            let milliseconds = try context.parameters.require("ms", as: Int.self)
            return Response(status: .ok, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "start"))
                try await Task.sleep(for: .milliseconds(milliseconds))
                try await writer.write(ByteBuffer(string: "end"))
                try await writer.finish(nil)
            })
        }
        router.get("/bytes/{n}") { _, context in
            let count = try context.parameters.require("n", as: Int.self)
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: count)))
        }
    }

    private static func echo(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        var params: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { params[String(name)] = String(value) }
        let document: [String: Any] = [
            "method": request.method.rawValue, "path": request.uri.path, "query": request.uri.query ?? "",
            "params": params, "headers": headers, "body": String(buffer: body),
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        var responseHeaders = HTTPFields()
        responseHeaders[.contentType] = "application/json"
        return Response(status: .ok, headers: responseHeaders, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The test server did not report a port.
enum HTTPTestServerError: Error {
    /// No port came.
    case didNotStart
}

/// Requests and client connections a test server has seen.
final class HTTPServerStats: @unchecked Sendable {
    private let lock = NSLock()
    private var requestCount = 0
    /// Every connection seen, kept alive so that no two of them ever share an identity.
    private var channels: [any Channel] = []
    private var identities: Set<ObjectIdentifier> = []

    /// Requests answered so far.
    var requests: Int { lock.withLock { requestCount } }
    /// Distinct client connections seen so far.
    var connections: Int { lock.withLock { channels.count } }

    /// Counts a request that came on `channel`.
    func record(channel: any Channel) {
        lock.withLock {
            requestCount += 1
            if identities.insert(ObjectIdentifier(channel)).inserted { channels.append(channel) }
        }
    }
}

/// A request context that knows the connection its request came on.
struct CountingRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    var coreContext: CoreRequestContextStorage
    /// The client connection.
    let channel: any Channel

    /// A context for a request arriving on `source.channel`.
    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Records every request in the server's stats.
struct CountingMiddleware: RouterMiddleware {
    /// The stats to record into.
    let stats: HTTPServerStats

    /// Records the request, then passes it on.
    func handle(
        _ request: Request, context: CountingRequestContext,
        next: (Request, CountingRequestContext) async throws -> Response
    ) async throws -> Response {
        stats.record(channel: context.channel)
        return try await next(request, context)
    }
}
