import NIOCore
import NIOHTTP1

/// Sends `http://` requests over the target's own HTTP/1.1 connections, following redirects (up to 5, no cycles).
struct PlainTransport: Sendable {
    /// The connections.
    let pool: HTTP1ConnectionPool
    /// Whether connections are reused between requests.
    let keepAlive: Bool
    /// Where `https://` redirects are sent on.
    let secure: SecureTransport

    /// The most redirects followed for one action.
    static let redirectLimit = 5

    /// Sends `request` and reads its response, following redirects, all by `deadline`.
    /// - Throws: ``ExchangeFailure``.
    func send(_ request: PreparedRequest, keeping: BodyKeeping, deadline: NIODeadline) async throws(ExchangeFailure) -> CollectedResponse {
        var current = request
        var visited: Set<String> = []
        for hop in 0...Self.redirectLimit {
            let response = try await exchange(current, keeping: keeping, deadline: deadline)
            guard Self.redirects(response.head.status.code), let location = response.head.headers.first(name: "location") else {
                return response
            }
            guard hop < Self.redirectLimit else {
                throw ExchangeFailure(
                    failure: HTTPFailure(kind: .http, message: "the request to \(request.url) was redirected more than \(Self.redirectLimit) times"),
                    head: response.head, received: response.received)
            }
            visited.insert(current.url)
            guard let next = Self.follow(current, to: location, status: response.head.status.code) else {
                throw ExchangeFailure(
                    failure: HTTPFailure(kind: .http, message: "the request to \(current.url) was redirected to an unusable location '\(location)'"),
                    head: response.head, received: response.received)
            }
            guard !visited.contains(next.url) else {
                throw ExchangeFailure(
                    failure: HTTPFailure(kind: .http, message: "the request to \(request.url) was redirected in a cycle back to \(next.url)"),
                    head: response.head, received: response.received)
            }
            if next.endpoint.secure { return try await secure.send(next, keeping: keeping, deadline: deadline) }
            current = next
        }
        preconditionFailure("unreachable: the last hop returns or throws")
    }

    /// One request and its response over a pooled connection.
    private func exchange(_ request: PreparedRequest, keeping: BodyKeeping, deadline: NIODeadline) async throws(ExchangeFailure) -> CollectedResponse {
        let connection: HTTP1Connection
        do {
            connection = try await pool.lease(request.endpoint, deadline: deadline)
        } catch {
            throw ExchangeFailure(error, url: request.url, timeout: request.timeout)
        }
        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: request.target, headers: request.headers)
        if !head.headers.contains(name: "host") { head.headers.add(name: "host", value: request.endpoint.hostHeader) }
        if let body = request.body {
            head.headers.add(name: "content-length", value: String(body.readableBytes))
        } else if Self.expectsBody(request.method) {
            head.headers.add(name: "content-length", value: "0")
        }
        do {
            let response = try await connection.exchange(head: head, body: request.body, keeping: keeping, deadline: deadline)
            pool.release(connection, to: request.endpoint, reusable: keepAlive && response.head.isKeepAlive)
            return response
        } catch {
            pool.release(connection, to: request.endpoint, reusable: false)
            throw ExchangeFailure(error, url: request.url, timeout: request.timeout)
        }
    }

    /// Whether a method's requests carry a body (and so a `content-length`, even when empty).
    private static func expectsBody(_ method: String) -> Bool {
        method == "POST" || method == "PUT" || method == "PATCH"
    }

    /// Whether a status redirects.
    static func redirects(_ code: UInt) -> Bool {
        code == 301 || code == 302 || code == 303 || code == 307 || code == 308
    }

    /// The request a redirect to `location` leads to: `303` (and `301`/`302` after a `POST`) turn into a `GET` without
    /// a body, as browsers and AsyncHTTPClient do; `nil` when the location is not usable.
    static func follow(_ request: PreparedRequest, to location: String, status: UInt) -> PreparedRequest? {
        let url: String
        if HTTPEndpoint.split(location) != nil {
            url = location
        } else if location.utf8.first == UInt8(ascii: "/") {
            guard !location.hasPrefix("//") else { return nil }
            url = (request.endpoint.secure ? "https://" : "http://") + request.endpoint.hostHeader + location
        } else {
            var directory = request.target
            if let query = directory.utf8.firstIndex(of: UInt8(ascii: "?")) { directory = String(directory[..<query]) }
            if let slash = directory.utf8.lastIndex(of: UInt8(ascii: "/")) { directory = String(directory[...slash]) }
            url = (request.endpoint.secure ? "https://" : "http://") + request.endpoint.hostHeader
                + removingDotSegments(directory + location)
        }
        guard let (endpoint, target) = HTTPEndpoint.split(url) else { return nil }
        var next = request
        if endpoint != request.endpoint { next.headers.remove(name: "host") }
        next.url = url
        next.endpoint = endpoint
        next.target = target
        if status == 303 && request.method != "HEAD" || (status == 301 || status == 302) && request.method == "POST" {
            next.method = "GET"
            next.body = nil
            next.headers.remove(name: "content-type")
        }
        return next
    }

    /// A path with its `.` and `..` segments resolved (RFC 3986, 5.2.4); the query is left as it is.
    static func removingDotSegments(_ reference: String) -> String {
        var path = Substring(reference)
        var query = Substring("")
        if let mark = reference.firstIndex(of: "?") {
            path = reference[..<mark]
            query = reference[mark...]
        }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let last = index == segments.count - 1
            switch segment {
            case ".":
                if last { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if last { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/") + query
    }
}
