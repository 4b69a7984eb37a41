/// Where a request goes, split from its URL once: scheme, host, port and the request target (path and query).
struct HTTPEndpoint: Sendable, Hashable {
    /// Whether the scheme is `https`.
    var secure: Bool
    /// The host as written in the URL, without brackets for IPv6 literals (`127.0.0.1`, `::1`, `example.com`).
    var host: String
    /// The port, explicit or the scheme's default.
    var port: Int
    /// The value of the `host` header (`host` or `host:port`, brackets kept for IPv6).
    var hostHeader: String

    /// Splits an absolute `http://` or `https://` URL into its endpoint and request target (`/path?query`, `/` when
    /// the URL has no path); `nil` when it is not one.
    static func split(_ url: String) -> (endpoint: HTTPEndpoint, target: String)? {
        let bytes = Array(url.utf8)
        let secure: Bool
        let afterScheme: Int
        if bytes.count > 7, Self.hasPrefix(bytes, "http://") {
            (secure, afterScheme) = (false, 7)
        } else if bytes.count > 8, Self.hasPrefix(bytes, "https://") {
            (secure, afterScheme) = (true, 8)
        } else {
            return nil
        }
        var end = afterScheme
        while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: "#") {
            end += 1
        }
        let authority = bytes[afterScheme..<end]
        guard !authority.isEmpty, !authority.contains(UInt8(ascii: "@")), !authority.contains(UInt8(ascii: " ")) else { return nil }
        var host: ArraySlice<UInt8>
        var port = secure ? 443 : 80
        var explicitPort = false
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            host = bytes[(authority.startIndex + 1)..<close]
            let rest = bytes[(close + 1)..<end]
            if !rest.isEmpty {
                guard rest.first == UInt8(ascii: ":"), let parsed = Self.port(rest.dropFirst()) else { return nil }
                (port, explicitPort) = (parsed, true)
            }
        } else if let colon = authority.lastIndex(of: UInt8(ascii: ":")) {
            host = bytes[authority.startIndex..<colon]
            guard let parsed = Self.port(bytes[(colon + 1)..<end]) else { return nil }
            (port, explicitPort) = (parsed, true)
        } else {
            host = authority
        }
        guard !host.isEmpty else { return nil }
        let hostText = String(decoding: host, as: UTF8.self)
        var target = end < bytes.count ? String(decoding: bytes[end...], as: UTF8.self) : "/"
        if let hash = target.utf8.firstIndex(of: UInt8(ascii: "#")) { target = String(target[..<hash]) }
        if target.utf8.first == UInt8(ascii: "?") { target = "/" + target }
        if target.isEmpty { target = "/" }
        let bracketed = hostText.utf8.contains(UInt8(ascii: ":")) ? "[\(hostText)]" : hostText
        let defaultPort = (secure ? 443 : 80) == port
        let endpoint = HTTPEndpoint(
            secure: secure, host: hostText, port: port,
            hostHeader: explicitPort && !defaultPort ? "\(bracketed):\(port)" : bracketed)
        return (endpoint, target)
    }

    private static func hasPrefix(_ bytes: [UInt8], _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        return prefix.withUTF8Buffer { expected in
            for index in 0..<count where bytes[index] | 0x20 != expected[index] | 0x20 { return false }
            return true
        }
    }

    private static func port(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 5 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return (1...65535).contains(value) ? value : nil
    }
}
