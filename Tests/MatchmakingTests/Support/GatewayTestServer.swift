import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Matchmaker
import MatchmakingCore
import MatchmakingGateway
import MatchmakingTelemetry
import NIOCore
import NIOHTTP1
import RedisClient
import RedisServerProcess
import ServiceLifecycle
import Testing

/// A real gateway for tests: its own redis-server, a ``RedisTicketService`` and the gateway app on 127.0.0.1 and a
/// free port, with an HTTP client; ``run(settings:matchmaking:_:)`` starts all of it and stops all of it.
struct GatewayTestServer: Sendable {
    /// The gateway's port.
    let port: Int
    /// A client of the gateway's Redis.
    let redis: RedisClient
    /// The ticket service the gateway uses.
    let tickets: RedisTicketService
    /// The HTTP client to call the gateway with.
    let http: HTTPClient

    /// Starts Redis and a gateway with `settings` (its host and port replaced), and a matchmaker (one worker, the
    /// recording allocator) if `withMatchmaker`; runs `body`, and stops everything.
    static func run<T: Sendable>(
        settings: GatewaySettings = GatewaySettings(), matchmaking: MatchmakingSettings = MatchmakingSettings(),
        withMatchmaker: Bool = false, _ body: @Sendable (GatewayTestServer) async throws -> T
    ) async throws -> T {
        let server = try await RedisServer.start()
        let redis = RedisClient(configuration: RedisConfiguration(host: server.host, port: server.port, poolSize: 4))
        let telemetry = ServiceTelemetry()
        let tickets = RedisTicketService(redis: redis, settings: matchmaking, metricsFactory: telemetry.factory)
        var settings = settings
        settings.host = "127.0.0.1"
        settings.port = 0
        var logger = Logger(label: "gateway-test")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = GatewayApplication.make(
            settings: settings, redis: redis, tickets: tickets, telemetry: telemetry, logger: logger,
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }
        )
        var serviceList: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app)]
        if withMatchmaker {
            let worker = MatchmakerWorker(
                redis: redis, settings: matchmaking, allocator: RecordingAllocator(redis: redis, settings: matchmaking),
                metrics: MatchmakingMetrics(factory: ServiceTelemetry().factory), logger: logger
            )
            serviceList.append(.init(service: worker))
        }
        var configuration = ServiceGroupConfiguration(services: serviceList, logger: logger)
        configuration.maximumGracefulShutdownDuration = .milliseconds(500)
        let services = ServiceGroup(configuration: configuration)
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 32)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        defer {
            tickets.shutdown()
            redis.close()
            server.stop()
        }
        let result: Result<T, any Error> = await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            // Stop with a graceful shutdown, not by cancelling (see HTTPTestServer in AdapterTests).
            let outcome: Result<T, any Error>
            do {
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next(), port > 0 else { throw GatewayTestError.didNotStart }
                outcome = .success(try await body(GatewayTestServer(port: port, redis: redis, tickets: tickets, http: http)))
            } catch {
                outcome = .failure(error)
            }
            await services.triggerGracefulShutdown()
            try? await group.waitForAll()
            return outcome
        }
        try? await http.shutdown()
        return try result.get()
    }

    /// Sends `method path` with an optional body (sent as is) and headers; answers the status and body.
    func send(
        _ method: HTTPMethod, _ path: String, body: String? = nil, token: String? = nil, headers: [(String, String)] = []
    ) async throws -> GatewayReply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await http.execute(request, timeout: .seconds(40))
        let bytes = try await response.body.collect(upTo: 4 << 20)
        return GatewayReply(
            status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type") ?? "",
            text: String(buffer: bytes)
        )
    }

    /// Logs `player` in and answers the token.
    func login(_ player: String) async throws -> String {
        let reply = try await send(.POST, "/login", body: #"{"id":"\#(player)","password":"secret"}"#)
        #expect(reply.status == 200, "login: \(reply.text)")
        return try #require(reply.string("token"))
    }
}

/// A gateway's answer.
struct GatewayReply: Sendable {
    /// The HTTP status.
    let status: Int
    /// The Content-Type header.
    let contentType: String
    /// The body.
    let text: String

    /// The body as a JSON object, or nil.
    var object: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// The string field `key` of the JSON body.
    func string(_ key: String) -> String? { object?[key] as? String }

    /// The integer field `key` of the JSON body.
    func int(_ key: String) -> Int? { (object?[key] as? NSNumber)?.intValue }

    /// Whether the body is a JSON error document `{"error": ...}`.
    var isJSONError: Bool { contentType.hasPrefix("application/json") && string("error") != nil }
}

/// The gateway under test did not report a port.
enum GatewayTestError: Error {
    /// No port came.
    case didNotStart
}
