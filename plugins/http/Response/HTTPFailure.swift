import StampedePluginAPI

/// Why an `http` action failed: a stable kind (what reports group by) and a message saying what was expected and
/// what came back.
struct HTTPFailure: Error, Sendable, Equatable {
    /// The error kinds of the `http` adapter.
    enum Kind: Sendable, Equatable {
        /// No response (or no further body bytes) within the timeout.
        case timeout
        /// The connection could not be made (refused, unreachable, connect timeout).
        case connect
        /// The status was not the expected one.
        case status(Int)
        /// `expect_body_contains` did not hold.
        case bodyMismatch
        /// `expect_json` did not hold.
        case jsonMismatch
        /// A capture found nothing.
        case captureMissing
        /// The request could not be made from the parameters (bad URL, unwritable JSON, unknown method).
        case invalidRequest
        /// The run stopped during the request.
        case cancelled
        /// Any other failure.
        case http

        /// The kind as reports show it.
        var name: String {
            switch self {
            case .timeout: "timeout"
            case .connect: "connect"
            case .status(let code): "status_\(code)"
            case .bodyMismatch: "body_mismatch"
            case .jsonMismatch: "json_mismatch"
            case .captureMissing: "capture_missing"
            case .invalidRequest: "invalid_request"
            case .cancelled: "cancelled"
            case .http: "http"
            }
        }
    }

    /// The kind.
    var kind: Kind
    /// What was expected and what came back.
    var message: String

    /// The outcome reporting this failure.
    func outcome(bytesIn: Int = 0, bytesOut: Int = 0, tags: [String: String]) -> ActionOutcome {
        ActionOutcome(status: .error(kind: kind.name, message: message), bytesIn: bytesIn, bytesOut: bytesOut, tags: tags)
    }
}
