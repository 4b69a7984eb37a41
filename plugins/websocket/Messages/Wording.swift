import NIOPosix
import NIOWebSocket

/// How failure messages put received text, durations, errors and close codes into words.
enum Wording {
    /// The longest quote of received text, in characters.
    static let quoteLimit = 160

    /// `text` quoted, cut to ``quoteLimit`` characters.
    static func quote(_ text: String) -> String {
        guard text.utf8.count > quoteLimit else { return "'\(text)'" }
        return "'\(text.prefix(quoteLimit))…' (\(text.utf8.count) bytes)"
    }

    /// A duration as a scenario would write it, to the microsecond: `250ms`, `1.5s`.
    static func duration(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let microseconds = seconds * 1_000_000 + Int64((Double(attoseconds) * 1e-12).rounded())
        if microseconds < 1_000_000 {
            return microseconds % 1_000 == 0 ? "\(microseconds / 1_000)ms" : "\(Double(microseconds) / 1_000)ms"
        }
        return microseconds % 1_000_000 == 0 ? "\(microseconds / 1_000_000)s" : "\(Double(microseconds) / 1_000_000)s"
    }

    /// An error of the WebSocket client or of the network, briefly.
    static func error(_ error: any Error) -> String {
        if let connection = error as? NIOConnectionError {
            if let dns = connection.dnsAError ?? connection.dnsAAAAError { return "cannot resolve \(connection.host): \(dns)" }
            let failures = connection.connectionErrors.map { "\($0.error)" }
            return failures.isEmpty ? "no address to connect to" : failures.joined(separator: "; ")
        }
        return String(describing: error)
    }

    /// A close code with its number: `1000 normalClosure`.
    static func closeCode(_ code: WebSocketErrorCode) -> String {
        "\(UInt16(webSocketErrorCode: code)) \(code)"
    }
}
