import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import StampedePluginAPI

/// A target of the `http` adapter: one pooled client, shared by every player of the run.
struct HTTPTarget: ActionTarget {
    /// The client and its connection pool.
    let client: HTTPClient
    /// Makes requests from actions.
    let builder: HTTPRequestBuilder

    /// A target with these settings; its client connects on the first request.
    init(settings: HTTPTargetSettings) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: Self.timeAmount(settings.timeout))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: settings.poolSize)
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        // A refused connection is a measurement (kind `connect`), not something to hide behind retries.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        builder = HTTPRequestBuilder(settings: settings)
    }

    /// Shuts the client down, closing its connections.
    func teardown() async {
        try? await client.shutdown()
    }

    /// Sends the request an action asks for and checks its response.
    ///
    /// The timeout covers the whole exchange: connecting, sending, the head and the whole body.
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
        let collector = ResponseCollector(expectations: expectations)
        let response: CollectedResponse
        do {
            let task = client.execute(
                request: prepared.request, delegate: collector, deadline: .now() + Self.timeAmount(prepared.timeout))
            response = try await withTaskCancellationHandler {
                try await task.get()
            } onCancel: {
                task.cancel()
            }
        } catch {
            let progress = collector.snapshot
            if let head = progress.head { tags["status"] = String(head.status.code) }
            let bytesIn = progress.head.map { Self.headBytes($0) + progress.received } ?? 0
            var failure = error as? HTTPFailure
                ?? HTTPErrorClassifier.failure(error, url: prepared.url, timeout: prepared.timeout)
            if failure.kind == .timeout, progress.head != nil {
                failure.message = "expected the whole response from \(prepared.url) within "
                    + "\(HTTPErrorClassifier.seconds(prepared.timeout)), the body was still coming after \(progress.received) bytes"
            }
            return failure.outcome(bytesIn: bytesIn, bytesOut: prepared.bytesOut, tags: tags)
        }

        let code = Int(response.head.status.code)
        tags["status"] = String(code)
        let bytesIn = Self.headBytes(response.head) + response.received
        guard expectations.accepts(status: code) else {
            return expectations.statusFailure(response.head.status, body: response.kept)
                .outcome(bytesIn: bytesIn, bytesOut: prepared.bytesOut, tags: tags)
        }
        do {
            let captured = try expectations.evaluate(status: code, headers: response.head.headers, body: response.kept)
            return ActionOutcome(status: .ok, bytesIn: bytesIn, bytesOut: prepared.bytesOut, captured: captured, tags: tags)
        } catch {
            return error.outcome(bytesIn: bytesIn, bytesOut: prepared.bytesOut, tags: tags)
        }
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
