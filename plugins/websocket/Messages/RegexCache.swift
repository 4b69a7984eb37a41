import Foundation
import StampedePluginAPI
import Synchronization

/// Compiled regular expressions of a target, by source, so that each pattern compiles once per run.
final class RegexCache: Sendable {
    /// Patterns beyond this many are compiled on every use rather than kept.
    static let capacity = 256

    /// Compiled patterns.
    private let compiled = Mutex<[String: NSRegularExpression]>([:])

    /// An empty cache.
    init() {}

    /// The filter a request's `match` and `regex` parameters describe.
    /// - Throws: ``WebSocketFailure`` of kind `websocket` when `regex` does not compile.
    func filter(for request: ActionRequest) throws(WebSocketFailure) -> MessageFilter {
        let substring = request.string("match").flatMap { $0.isEmpty ? nil : $0 }
        guard let pattern = request.string("regex"), !pattern.isEmpty else {
            return MessageFilter(substring: substring)
        }
        return MessageFilter(substring: substring, regex: try regex(pattern), pattern: pattern)
    }

    /// The compiled `pattern`.
    private func regex(_ pattern: String) throws(WebSocketFailure) -> NSRegularExpression {
        if let known = compiled.withLock({ $0[pattern] }) { return known }
        let regex: NSRegularExpression
        do {
            regex = try NSRegularExpression(pattern: pattern)
        } catch {
            throw WebSocketFailure(.websocket, "regex /\(pattern)/ is not a valid regular expression: \(error)")
        }
        compiled.withLock { cache in
            if cache.count < Self.capacity { cache[pattern] = regex }
        }
        return regex
    }
}
