import NIOCore
import NIOHTTP1
import StampedePluginAPI

/// A request ready to send, with what the outcome needs to know about it.
struct PreparedRequest: Sendable {
    /// Its URL, for messages (and for AsyncHTTPClient on `https`).
    var url: String
    /// Where it goes.
    var endpoint: HTTPEndpoint
    /// Its request target: path and query.
    var target: String
    /// Its method, for the `method` tag (`GET`, `POST`, …).
    var method: String
    /// Its headers (without `host` and `content-length`, which the transport adds).
    var headers: HTTPHeaders
    /// Its body, if any.
    var body: ByteBuffer?
    /// Approximate bytes sent: request line, headers and body.
    var bytesOut: Int
    /// Seconds the request may take.
    var timeout: Double
}

/// Builds requests from actions' parameters, on top of a target's settings (computed once per target).
struct HTTPRequestBuilder: Sendable {
    /// `base_url` without trailing slashes.
    let baseURL: String
    /// `base_url` split, when it parses: its endpoint and its path (without trailing slashes, possibly empty).
    let base: (endpoint: HTTPEndpoint, path: String)?
    /// The headers every request starts from: the target's `headers`, plus `connection: close` without keep-alive.
    let defaultHeaders: HTTPHeaders
    /// `defaultHeaders` plus the `host` header of the base URL (what most requests send).
    let baseHeaders: HTTPHeaders
    /// The approximate size of `defaultHeaders` on the wire.
    let defaultHeaderBytes: Int
    /// The target's timeout, in seconds.
    let timeout: Double

    /// A builder for a target with these settings.
    init(settings: HTTPTargetSettings) {
        baseURL = settings.baseURL
        // Base URLs are kept without trailing slashes, so a target of "/" means no path at all.
        base = HTTPEndpoint.split(settings.baseURL).flatMap { split in
            split.target.utf8.contains(UInt8(ascii: "?")) ? nil : (split.endpoint, split.target == "/" ? "" : split.target)
        }
        var headers = HTTPHeaders()
        headers.add(name: "user-agent", value: "stampede")
        for (name, value) in settings.headers.sorted(by: { $0.key < $1.key }) { headers.replaceOrAdd(name: name, value: value) }
        if !settings.keepAlive { headers.replaceOrAdd(name: "connection", value: "close") }
        defaultHeaders = headers
        if let base, !headers.contains(name: "host") { headers.add(name: "host", value: base.endpoint.hostHeader) }
        baseHeaders = headers
        defaultHeaderBytes = headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        timeout = settings.timeout
    }

    /// The request an action asks for.
    /// - Throws: ``HTTPFailure`` of kind `invalid_request` when the method, path or body cannot be used.
    func prepare(_ action: ActionRequest) throws(HTTPFailure) -> PreparedRequest {
        let method = try Self.method(of: action)
        let parameters = action.parameters
        guard let path = parameters["path"]?.text else {
            throw HTTPFailure(kind: .invalidRequest, message: "the \(action.action) action needs a path")
        }
        // A path relative to the base URL gives the request target directly; only absolute URLs are parsed.
        let relative = relativePart(path)
        var url = relative.map { baseURL + $0 } ?? path
        var target = relative.flatMap { part in base.map { $0.path + part } }
        if let query = parameters["query"]?.map, !query.isEmpty {
            let suffix = Self.querySuffix(query, after: url)
            url += suffix
            target? += suffix
        }
        let endpoint: HTTPEndpoint
        if let base, var direct = target, !direct.utf8.contains(UInt8(ascii: "#")) {
            if direct.utf8.first != UInt8(ascii: "/") { direct = "/" + direct }
            (endpoint, target) = (base.endpoint, direct)
        } else if let split = HTTPEndpoint.split(url) {
            (endpoint, target) = (split.endpoint, split.target)
        } else {
            throw HTTPFailure(kind: .invalidRequest, message: "'\(url)' is not a usable http(s) URL")
        }
        // The base URL's headers carry its `host` already; others get theirs when sent.
        var headers = endpoint == base?.endpoint ? baseHeaders : defaultHeaders
        var headerBytes = defaultHeaderBytes
        if let extra = parameters["headers"]?.map {
            for (name, value) in extra {
                guard let text = value.text else { continue }
                headers.replaceOrAdd(name: name, value: text)
                headerBytes += name.utf8.count + text.utf8.count + 4
            }
        }

        var bodyBytes = 0
        var body: ByteBuffer?
        if let json = parameters["json"] {
            guard parameters["body"] == nil else {
                throw HTTPFailure(kind: .invalidRequest, message: "give json or body, not both")
            }
            let bytes = try JSONBodyWriter.bytes(of: json)
            bodyBytes = bytes.count
            body = ByteBuffer(bytes: bytes)
            if !headers.contains(name: "content-type") {
                headers.add(name: "content-type", value: "application/json")
                headerBytes += 30
            }
        } else if let text = parameters["body"]?.text {
            bodyBytes = text.utf8.count
            body = ByteBuffer(string: text)
        }
        if bodyBytes > 0 { headerBytes += 18 + String(bodyBytes).utf8.count }  // content-length

        let timeout = parameters["timeout"]?.number.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? self.timeout
        // Request line (`GET /path HTTP/1.1\r\n`, counting the whole URL), headers, the blank line, the body.
        let bytesOut = method.utf8.count + url.utf8.count + 12 + headerBytes + 2 + bodyBytes
        return PreparedRequest(
            url: url, endpoint: endpoint, target: target ?? "/", method: method, headers: headers, body: body, bytesOut: bytesOut,
            timeout: timeout)
    }

    /// The method of an action: its `method` parameter for `request`, else the action's name.
    static func method(of action: ActionRequest) throws(HTTPFailure) -> String {
        switch action.action {
        case "get": return "GET"
        case "post": return "POST"
        case "put": return "PUT"
        case "patch": return "PATCH"
        case "delete": return "DELETE"
        case "request":
            guard let value = action.parameters["method"] else { return "GET" }
            let method = value.text?.uppercased() ?? ""
            guard HTTPAdapter.methods.contains(method) else {
                throw HTTPFailure(
                    kind: .invalidRequest,
                    message: "method must be one of \(HTTPAdapter.methods.joined(separator: ", ")), got '\(value.text ?? "")'")
            }
            return method
        default:
            throw HTTPFailure(kind: .invalidRequest, message: "the http adapter has no action '\(action.action)'")
        }
    }

    /// What `path` adds to the base URL (`/items`, `?q=1`, empty), or nil when it is an absolute http(s) URL.
    func relativePart(_ path: String) -> String? {
        switch path.utf8.first {
        case nil: return ""
        case UInt8(ascii: "/"), UInt8(ascii: "?"): return path
        case UInt8(ascii: "h"), UInt8(ascii: "H"): if HTTPTargetSettings.isHTTPURL(path) { return nil }
        default: break
        }
        return "/" + path
    }

    /// `?name=value&…` (or `&name=value…` when `url` has a query already), sorted by name, percent-encoded.
    static func querySuffix(_ query: [String: ActionValue], after url: String) -> String {
        var suffix = ""
        var separator: Character = url.utf8.contains(UInt8(ascii: "?")) ? "&" : "?"
        for name in query.keys.sorted() {
            guard let value = query[name]?.text else { continue }
            suffix.append(separator)
            suffix.append(percentEncoded(name))
            suffix.append("=")
            suffix.append(percentEncoded(value))
            separator = "&"
        }
        return suffix
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `text` with every byte outside RFC 3986's unreserved characters percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        let isPlain = text.utf8.allSatisfy(isUnreserved)
        if isPlain { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0xF)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
