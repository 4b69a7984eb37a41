import NIOCore
import NIOHTTP1

extension HTTP1ConnectionPool {
    /// Sends one request over a connection leased from the pool and reads its response, by `deadline`; the connection
    /// goes back to the pool (kept when `keepAlive` and the response allow it, closed otherwise).
    ///
    /// The head gets `host` (unless `headers` has one) and `content-length` (also `0` for a POST, PUT or PATCH
    /// without a body).
    /// - Throws: what leasing throws, or ``HTTP1ExchangeError``.
    func exchange(
        _ endpoint: HTTPEndpoint, method: String, target: String, headers: HTTPHeaders, body: ByteBuffer?,
        keeping: BodyKeeping, deadline: NIODeadline, keepAlive: Bool
    ) async throws -> CollectedResponse {
        let connection = try await lease(endpoint, deadline: deadline)
        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: target, headers: headers)
        if !head.headers.contains(name: "host") { head.headers.add(name: "host", value: endpoint.hostHeader) }
        if let body {
            head.headers.add(name: "content-length", value: String(body.readableBytes))
        } else if method == "POST" || method == "PUT" || method == "PATCH" {
            head.headers.add(name: "content-length", value: "0")
        }
        do {
            let response = try await connection.exchange(head: head, body: body, keeping: keeping, deadline: deadline)
            release(connection, to: endpoint, reusable: keepAlive && response.head.isKeepAlive)
            return response
        } catch {
            release(connection, to: endpoint, reusable: false)
            throw error
        }
    }
}
