import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import StampedePluginAPI

/// A target of the `http` adapter: its own HTTP/1.1 connections for `http://` URLs (the hot path), and one
/// AsyncHTTPClient for `https://`, both shared by every player of the run.
struct HTTPTarget: ActionTarget {
    /// Plain HTTP/1.1.
    let plain: PlainTransport
    /// TLS through AsyncHTTPClient.
    let secure: SecureTransport
    /// Makes requests from actions.
    let builder: HTTPRequestBuilder

    /// A target with these settings; nothing connects before the first request.
    init(settings: HTTPTargetSettings) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: Self.timeAmount(settings.timeout))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: settings.poolSize)
        configuration.redirectConfiguration = .follow(max: PlainTransport.redirectLimit, allowCycles: false)
        // A refused connection is a measurement (kind `connect`), not something to hide behind retries.
        configuration.connectionPool.retryConnectionEstablishment = false
        secure = SecureTransport(client: HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration))
        plain = PlainTransport(
            pool: HTTP1ConnectionPool(limit: settings.poolSize, connectTimeout: settings.timeout), keepAlive: settings.keepAlive,
            secure: secure)
        builder = HTTPRequestBuilder(settings: settings)
    }

    /// Closes every connection.
    func teardown() async {
        plain.pool.shutdown()
        try? await secure.client.shutdown()
    }

    /// Sends the request an action asks for and checks its response.
    ///
    /// The timeout covers the whole exchange: waiting for a connection, connecting, sending, the head and the whole
    /// body (and every redirect).
    func perform(_ request: ActionRequest, session: any PlayerSession) async -> ActionOutcome {
        let prepared: PreparedRequest
        do {
            prepared = try builder.prepare(request)
        } catch {
            return error.outcome(tags: [:])
        }
        var tags = [String: String](minimumCapacity: 2)
        tags["method"] = prepared.method
        let expectations = ResponseExpectations(request)
        let keeping = BodyKeeping(expectedStatus: expectations.status, needsBody: expectations.needsBody)
        let deadline = NIODeadline.now() + Self.timeAmount(prepared.timeout)
        let response: CollectedResponse
        do {
            if prepared.endpoint.secure {
                response = try await secure.send(prepared, keeping: keeping, deadline: deadline)
            } else {
                response = try await plain.send(prepared, keeping: keeping, deadline: deadline)
            }
        } catch {
            if let head = error.head { tags["status"] = String(head.status.code) }
            let bytesIn = error.head.map { Self.headBytes($0) + error.received } ?? 0
            return error.failure.outcome(bytesIn: bytesIn, bytesOut: prepared.bytesOut, tags: tags)
        }

        let code = Int(response.head.status.code)
        tags["status"] = String(code)
        let bytesIn = Self.headBytes(response.head) + response.received
        let bytesOut = prepared.bytesOut * (1 + response.retries)
        var outcome: ActionOutcome
        if !expectations.accepts(status: code) {
            outcome = expectations.statusFailure(response.head.status, body: response.kept)
                .outcome(bytesIn: bytesIn, bytesOut: bytesOut, tags: tags)
        } else {
            do {
                let captured = try expectations.evaluate(status: code, headers: response.head.headers, body: response.kept)
                outcome = ActionOutcome(status: .ok, bytesIn: bytesIn, bytesOut: bytesOut, captured: captured, tags: tags)
            } catch {
                outcome = error.outcome(bytesIn: bytesIn, bytesOut: bytesOut, tags: tags)
            }
        }
        if response.retries > 0 {
            outcome.metrics.append(MetricSample(name: HTTPAdapter.retriesMetric, value: Double(response.retries)))
        }
        return outcome
    }

    /// Seconds as a NIO time amount.
    static func timeAmount(_ seconds: Double) -> TimeAmount {
        .nanoseconds(Int64(min(seconds, 1e9) * 1e9))
    }

    /// The approximate size of a response's head: status line, headers and the blank line.
    static func headBytes(_ head: HTTPResponseHead) -> Int {
        // "HTTP/1.1 200 OK\r\n" … "\r\n"
        var bytes = 13 + head.status.reasonPhrase.utf8.count + 2 + 2
        for header in head.headers { bytes += header.name.utf8.count + header.value.utf8.count + 4 }
        return bytes
    }
}
