import Foundation
import StampedePluginAPI

/// The captures of `receive` and `exchange`: `message` is the whole received text, and a ``JSONPath`` such as
/// `$.type` reads a value of the message parsed as JSON.
enum MessageCapture {
    /// Session variable → captured text, for every capture of `captures` (variable → expression).
    /// - Throws: ``WebSocketFailure``: `capture_missing` when the message is not JSON or the path finds nothing,
    ///   `websocket` when an expression is neither `message` nor a path.
    static func values(_ captures: [String: String], from message: String) throws(WebSocketFailure) -> [String: String] {
        guard !captures.isEmpty else { return [:] }
        var captured: [String: String] = [:]
        captured.reserveCapacity(captures.count)
        var document: Any?
        var parsed = false
        for (variable, expression) in captures {
            if expression == "message" {
                captured[variable] = message
                continue
            }
            guard let path = JSONPath(expression) else {
                throw WebSocketFailure(
                    .websocket, "capture '\(variable)': '\(expression)' is neither message nor a JSON path such as $.type"
                )
            }
            if !parsed {
                document = try? JSONSerialization.jsonObject(with: Data(message.utf8), options: [.fragmentsAllowed])
                parsed = true
            }
            guard let document else {
                throw WebSocketFailure(
                    .captureMissing, "capture '\(variable)': expected a JSON message for \(expression), got \(Wording.quote(message))"
                )
            }
            guard let value = path.value(in: document).flatMap(JSONPath.text(of:)) else {
                throw WebSocketFailure(
                    .captureMissing, "capture '\(variable)': found nothing at \(expression) in \(Wording.quote(message))"
                )
            }
            captured[variable] = value
        }
        return captured
    }
}
