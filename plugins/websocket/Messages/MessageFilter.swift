import Foundation

/// Which received message `receive` and `exchange` wait for: one containing `match` and matching `regex`, when
/// given; any message otherwise.
struct MessageFilter: Sendable {
    /// Text the message must contain.
    var substring: String?
    /// A regular expression the message must match somewhere.
    var regex: NSRegularExpression?
    /// The regular expression's source, for messages.
    var pattern: String?

    /// Whether `message` is one the action waits for.
    func accepts(_ message: String) -> Bool {
        if let substring, !message.contains(substring) { return false }
        if let regex, regex.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)) == nil {
            return false
        }
        return true
    }

    /// What the action waits for, in words: "a message containing 'x' and matching /y/".
    var expectation: String {
        var words = "a message"
        if let substring { words += " containing '\(substring)'" }
        if let pattern { words += (substring == nil ? "" : " and") + " matching /\(pattern)/" }
        return words
    }
}
