import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Sends `https://` requests through AsyncHTTPClient (TLS, HTTP/2 when offered), which follows redirects itself.
struct SecureTransport: Sendable {
    /// The client and its connection pool.
    let client: HTTPClient

    /// Sends `request` and reads its response by `deadline`.
    /// - Throws: ``ExchangeFailure``.
    func send(_ request: PreparedRequest, keeping: BodyKeeping, deadline: NIODeadline) async throws(ExchangeFailure) -> CollectedResponse {
        let clientRequest: HTTPClient.Request
        do {
            clientRequest = try HTTPClient.Request(
                url: request.url, method: HTTPMethod(rawValue: request.method), headers: request.headers,
                body: request.body.map { .byteBuffer($0) })
        } catch {
            throw ExchangeFailure(
                failure: HTTPFailure(kind: .invalidRequest, message: "'\(request.url)' is not a usable http(s) URL (\(error))"),
                head: nil, received: 0)
        }
        let collector = ResponseCollector(keeping: keeping)
        do {
            let task = client.execute(request: clientRequest, delegate: collector, deadline: deadline)
            return try await withTaskCancellationHandler {
                try await task.get()
            } onCancel: {
                task.cancel()
            }
        } catch {
            let progress = collector.snapshot
            var failure = error as? HTTPFailure
                ?? HTTPErrorClassifier.failure(error, url: request.url, timeout: request.timeout)
            if failure.kind == .timeout, progress.head != nil {
                failure.message = "expected the whole response from \(request.url) within "
                    + "\(HTTPErrorClassifier.seconds(request.timeout)), the body was still coming after \(progress.received) bytes"
            }
            throw ExchangeFailure(failure: failure, head: progress.head, received: progress.received)
        }
    }
}
