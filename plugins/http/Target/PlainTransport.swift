import Foundation
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
        do {
            return try await pool.exchange(
                request.endpoint, method: request.method, target: request.target, headers: request.headers, body: request.body,
                keeping: keeping, deadline: deadline, keepAlive: keepAlive)
        } catch {
            throw ExchangeFailure(error, url: request.url, timeout: request.timeout)
        }
    }

    /// Whether a status redirects.
    static func redirects(_ code: UInt) -> Bool {
        code == 301 || code == 302 || code == 303 || code == 307 || code == 308
    }

    /// The request a redirect to `location` leads to: `303` (and `301`/`302` after a `POST`) turn into a `GET` without
    /// a body, as browsers and AsyncHTTPClient do; `nil` when the location is not usable.
    static func follow(_ request: PreparedRequest, to location: String, status: UInt) -> PreparedRequest? {
        guard let url = resolve(location, against: request.url) else { return nil }
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

    /// `location` (absolute, or relative with `.`/`..` segments) resolved against `base` as RFC 3986 says, by
    /// Foundation's `URL`; nil when it is not a usable reference.
    static func resolve(_ location: String, against base: String) -> String? {
        guard let baseURL = URL(string: base), let resolved = URL(string: location, relativeTo: baseURL) else { return nil }
        return resolved.absoluteString
    }
}
