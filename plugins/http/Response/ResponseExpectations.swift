import Foundation
import NIOCore
import NIOHTTP1
import StampedePluginAPI

/// What an action expects of its response and captures from it: read once per request from its parameters, so
/// that the body is kept only when something looks at it and parsed as JSON only when a path needs it.
struct ResponseExpectations: Sendable {
    /// `expect_status`, or `nil` for "any status below 400".
    var status: Int?
    /// `expect_body_contains`.
    var bodyContains: String?
    /// `expect_json`: path text → expected value text, sorted by path.
    var json: [(path: String, expected: String)]
    /// Session variable → capture expression.
    var captures: [String: String]
    /// Whether a check or a capture reads the body.
    var needsBody: Bool
    /// Whether a check or a capture reads the body as JSON.
    var needsJSON: Bool

    /// The expectations of an action.
    init(_ action: ActionRequest) {
        let parameters = action.parameters
        status = parameters["expect_status"]?.number.map { Int($0) }
        bodyContains = parameters["expect_body_contains"]?.text
        if let entries = parameters["expect_json"]?.map, !entries.isEmpty {
            json = entries.compactMap { path, value in value.text.map { (path, $0) } }.sorted { $0.path < $1.path }
        } else {
            json = []
        }
        captures = action.captures
        var capturesJSON = false
        var capturesBody = false
        for expression in captures.values {
            if expression.utf8.first == UInt8(ascii: "$") { capturesJSON = true } else if expression == "body" { capturesBody = true }
        }
        needsJSON = !json.isEmpty || capturesJSON
        needsBody = needsJSON || capturesBody || bodyContains != nil
    }

    /// Whether `code` is the expected status.
    func accepts(status code: Int) -> Bool {
        if let status { return code == status }
        return code < 400
    }

    /// The failure for an unexpected status, quoting the start of the body when it was read.
    func statusFailure(_ status: HTTPResponseStatus, body: ByteBuffer?) -> HTTPFailure {
        let expected = self.status.map { "status \($0)" } ?? "a status below 400"
        var message = "expected \(expected), got \(status.code) \(status.reasonPhrase)"
        if let body, body.readableBytes > 0 { message += ": " + Self.excerpt(body) }
        return HTTPFailure(kind: .status(Int(status.code)), message: message)
    }

    /// Checks the body and makes the captures of a response whose status was accepted.
    /// - Returns: session variable → captured text.
    /// - Throws: ``HTTPFailure`` (`body_mismatch`, `json_mismatch`, `capture_missing`, `invalid_request`).
    func evaluate(status: Int, headers: HTTPHeaders, body: ByteBuffer) throws(HTTPFailure) -> [String: String] {
        if let bodyContains, !Self.contains(body, bodyContains) {
            throw HTTPFailure(kind: .bodyMismatch, message: "expected the body to contain '\(bodyContains)', got: \(Self.excerpt(body))")
        }
        let document: Any? = needsJSON ? Self.parseJSON(body) : nil
        for (pathText, expected) in json {
            let path = try Self.path(pathText, use: "expect_json")
            guard let document else {
                throw HTTPFailure(kind: .jsonMismatch, message: "expected JSON with \(pathText) = '\(expected)', got: \(Self.excerpt(body))")
            }
            guard let found = path.value(in: document).flatMap(JSONPath.text(of:)) else {
                throw HTTPFailure(kind: .jsonMismatch, message: "expected \(pathText) = '\(expected)', found nothing there in: \(Self.excerpt(body))")
            }
            guard found == expected else {
                throw HTTPFailure(kind: .jsonMismatch, message: "expected \(pathText) = '\(expected)', got '\(found)'")
            }
        }
        var captured: [String: String] = [:]
        captured.reserveCapacity(captures.count)
        for (variable, expression) in captures {
            captured[variable] = try capture(expression, into: variable, status: status, headers: headers, body: body, document: document)
        }
        return captured
    }

    /// The value of one capture expression.
    private func capture(
        _ expression: String, into variable: String, status: Int, headers: HTTPHeaders, body: ByteBuffer, document: Any?
    ) throws(HTTPFailure) -> String {
        if expression == "status" { return String(status) }
        if expression == "body" { return String(buffer: body) }
        if expression.hasPrefix("header:") {
            let name = expression.dropFirst("header:".count).trimmingCharacters(in: .whitespaces)
            guard let value = headers.first(name: name) else {
                throw HTTPFailure(kind: .captureMissing, message: "capture '\(variable)': expected a header '\(name)', the response has none")
            }
            return value
        }
        let path = try Self.path(expression, use: "capture '\(variable)'")
        guard let document else {
            throw HTTPFailure(kind: .captureMissing, message: "capture '\(variable)': expected a JSON body for \(expression), got: \(Self.excerpt(body))")
        }
        guard let value = path.value(in: document).flatMap(JSONPath.text(of:)) else {
            throw HTTPFailure(kind: .captureMissing, message: "capture '\(variable)': found nothing at \(expression) in: \(Self.excerpt(body))")
        }
        return value
    }

    /// A path from its text, or an `invalid_request` failure naming its `use`.
    private static func path(_ text: String, use: String) throws(HTTPFailure) -> JSONPath {
        guard let path = JSONPath(text) else {
            throw HTTPFailure(
                kind: .invalidRequest,
                message: "\(use): '\(text)' is not status, body, header:Name or a JSON path such as $.token")
        }
        return path
    }

    /// The JSON document in `body`, parsed without copying it, or `nil` when it is not JSON.
    static func parseJSON(_ body: ByteBuffer) -> Any? {
        body.withUnsafeReadableBytes { raw -> Any? in
            guard let base = raw.baseAddress, raw.count > 0 else { return nil }
            let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none)
            return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        }
    }

    /// Whether the body holds `text`.
    static func contains(_ body: ByteBuffer, _ text: String) -> Bool {
        if text.isEmpty { return true }
        let needle = Array(text.utf8)
        return body.withUnsafeReadableBytes { raw in
            guard raw.count >= needle.count else { return false }
            let first = needle[0]
            var start = 0
            let last = raw.count - needle.count
            while start <= last {
                if raw[start] == first {
                    var matched = 1
                    while matched < needle.count, raw[start + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return true }
                }
                start += 1
            }
            return false
        }
    }

    /// The start of the body as text, for messages (at most 200 bytes).
    static func excerpt(_ body: ByteBuffer) -> String {
        guard body.readableBytes > 0 else { return "an empty body" }
        let limit = 200
        if body.readableBytes <= limit { return String(buffer: body) }
        return String(decoding: body.readableBytesView.prefix(limit), as: UTF8.self) + "…"
    }
}
