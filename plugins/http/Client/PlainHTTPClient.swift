import NIOCore
import NIOHTTP1

/// The `http` adapter's plain HTTP/1.1 client, for other adapters that speak HTTP to their targets (the
/// `matchmaking` adapter does): pooled keep-alive connections on the caller's event loop, whole-exchange timeouts,
/// and the response body kept (up to 16 MiB). `http://` only.
public final class PlainHTTPClient: Sendable {
    /// The base URL's endpoint.
    private let endpoint: HTTPEndpoint
    /// The base URL's path, without a trailing slash (possibly empty).
    private let basePath: String
    /// `base_url` as given, without trailing slashes.
    public let baseURL: String
    /// Seconds a request may take by default.
    public let timeout: Double
    private let pool: HTTP1ConnectionPool
    private let baseHeaders: HTTPHeaders

    /// A client for `baseURL` (`http://host:port[/path]`), with at most `poolSize` connections.
    /// - Throws: ``PlainHTTPError`` (`invalid_request`) when `baseURL` is not a plain `http://` URL.
    public init(baseURL: String, poolSize: Int, timeout: Double) throws(PlainHTTPError) {
        var trimmed = Substring(baseURL)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let split = HTTPEndpoint.split(String(trimmed)), !split.endpoint.secure,
            !split.target.utf8.contains(UInt8(ascii: "?"))
        else {
            throw PlainHTTPError(kind: "invalid_request", message: "'\(baseURL)' is not a plain http:// base URL")
        }
        self.baseURL = String(trimmed)
        endpoint = split.endpoint
        basePath = split.target == "/" ? "" : split.target
        self.timeout = timeout
        pool = HTTP1ConnectionPool(limit: poolSize, connectTimeout: timeout)
        var headers = HTTPHeaders()
        headers.add(name: "user-agent", value: "stampede")
        headers.add(name: "host", value: split.endpoint.hostHeader)
        baseHeaders = headers
    }

    /// Sends `method path` (path relative to the base URL, with its query) and reads the whole response.
    /// - Parameters:
    ///   - headers: extra headers (`authorization`, …).
    ///   - body: a body, sent with `content-type: application/json` unless `headers` set one.
    ///   - timeout: seconds for the whole exchange (default: the client's).
    /// - Throws: ``PlainHTTPError`` (`timeout`, `connect`, `http`, `cancelled`); any status is a response, not an error.
    public func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil, timeout: Double? = nil
    ) async throws(PlainHTTPError) -> PlainHTTPResponse {
        let seconds = timeout ?? self.timeout
        let target = basePath + path
        var requestHeaders = baseHeaders
        for (name, value) in headers { requestHeaders.replaceOrAdd(name: name, value: value) }
        if body != nil, !requestHeaders.contains(name: "content-type") {
            requestHeaders.add(name: "content-type", value: "application/json")
        }
        let deadline = NIODeadline.now() + .nanoseconds(Int64(min(seconds, 1e6) * 1e9))
        do {
            let response = try await pool.exchange(
                endpoint, method: method, target: target, headers: requestHeaders, body: body.map { ByteBuffer(bytes: $0) },
                keeping: BodyKeeping(expectedStatus: nil, needsBody: true, keepErrorBodies: true), deadline: deadline,
                keepAlive: true)
            return PlainHTTPResponse(
                status: Int(response.head.status.code), headers: response.head.headers, body: Array(buffer: response.kept),
                bytesIn: HTTPTarget.headBytes(response.head) + response.received,
                bytesOut: method.utf8.count + target.utf8.count + 12
                    + requestHeaders.reduce(2) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 } + (body?.count ?? 0))
        } catch {
            throw PlainHTTPError(ExchangeFailure(error, url: baseURL + path, timeout: seconds).failure)
        }
    }

    /// Closes every connection.
    public func shutdown() {
        pool.shutdown()
    }
}

/// A response read by ``PlainHTTPClient``.
public struct PlainHTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The headers.
    public var headers: HTTPHeaders
    /// The whole body.
    public var body: [UInt8]
    /// Approximate bytes received (head and body).
    public var bytesIn: Int
    /// Approximate bytes sent (request line, headers, body).
    public var bytesOut: Int
}

/// Why a ``PlainHTTPClient`` request failed: the `http` adapter's error kind (`timeout`, `connect`, `http`,
/// `cancelled`, `invalid_request`) and a message.
public struct PlainHTTPError: Error, Sendable, Equatable {
    /// The kind.
    public var kind: String
    /// What was expected and what happened.
    public var message: String

    /// An error.
    public init(kind: String, message: String) {
        self.kind = kind
        self.message = message
    }

    init(_ failure: HTTPFailure) {
        self.init(kind: failure.kind.name, message: failure.message)
    }
}
