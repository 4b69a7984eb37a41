#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOHTTP1

extension HTTP1ConnectionPool {
    /// Sends one request over a connection leased from the pool and reads its response, by `deadline`; the connection
    /// goes back to the pool (kept when `keepAlive` and the response allow it, closed otherwise).
    ///
    /// The head gets `host` (unless `headers` has one) and `content-length` (also `0` for a POST, PUT or PATCH
    /// without a body). An idempotent request (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) whose kept-alive connection
    /// turns out closed by the server (closed or reset before any byte of a response came) is sent again on the next
    /// connection, as Go's client does: servers close idle connections at any time, and that race is not a failure of
    /// the request. Each such connection is discarded, so this ends at the first new connection; the response counts
    /// the retries.
    /// - Throws: what leasing throws, or ``HTTP1ExchangeError``.
    func exchange(
        _ endpoint: HTTPEndpoint, method: String, target: String, headers: HTTPHeaders, body: ByteBuffer?,
        keeping: BodyKeeping, deadline: NIODeadline, keepAlive: Bool
    ) async throws -> CollectedResponse {
        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: target, headers: headers)
        if !head.headers.contains(name: "host") { head.headers.add(name: "host", value: endpoint.hostHeader) }
        if let body {
            head.headers.add(name: "content-length", value: String(body.readableBytes))
        } else if method == "POST" || method == "PUT" || method == "PATCH" {
            head.headers.add(name: "content-length", value: "0")
        }
        var retries = 0
        while true {
            let (connection, reused) = try await lease(endpoint, deadline: deadline)
            do {
                var response = try await connection.exchange(head: head, body: body, keeping: keeping, deadline: deadline)
                release(connection, to: endpoint, reusable: keepAlive && response.head.isKeepAlive)
                response.retries = retries
                return response
            } catch let error as HTTP1ExchangeError {
                release(connection, to: endpoint, reusable: false)
                guard reused, Self.closedBeforeResponse(error), Self.idempotent.contains(method), !Task.isCancelled,
                      deadline > .now() else { throw error }
                retries += 1
            } catch {
                release(connection, to: endpoint, reusable: false)
                throw error
            }
        }
    }

    /// Methods that can be sent again without changing what the first attempt did (RFC 9110, 9.2.2).
    static let idempotent: Set<String> = ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]

    /// Whether the connection was closed or reset before any of the response arrived.
    static func closedBeforeResponse(_ error: HTTP1ExchangeError) -> Bool {
        guard error.head == nil, error.received == 0 else { return false }
        switch error.reason {
        case .closed:
            return true
        case .channel(let cause as IOError):
            return cause.errnoCode == ECONNRESET || cause.errnoCode == EPIPE
        default:
            return false
        }
    }
}
