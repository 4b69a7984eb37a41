/// Why a run ended.
public enum StopReason: Sendable, Equatable {
    /// The planned duration ran out (and in-flight work drained or was cut at the grace limit).
    case completed
    /// A signal (SIGINT, SIGTERM) stopped the run early.
    case interrupted(signal: Int32)
    /// A threshold with `abortOnFail` failed; `threshold` names it as `KEY: CRITERION`.
    case aborted(threshold: String)
    /// The run could not go on (an adapter failed to start, …).
    case failed(message: String)

    /// One line for people: `completed`, `interrupted by signal 2`, `aborted: latency: p(95) < 200ms failed`.
    public var text: String {
        switch self {
        case .completed: "completed"
        case .interrupted(let signal): "interrupted by signal \(signal)"
        case .aborted(let threshold): "aborted: threshold \(threshold) failed"
        case .failed(let message): "failed: \(message)"
        }
    }
}

extension StopReason: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, signal, threshold, message
    }

    private enum Kind: String, Codable {
        case completed, interrupted, aborted, failed
    }

    /// Decodes `{"kind": "interrupted", "signal": 2}` and its siblings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .completed: self = .completed
        case .interrupted: self = .interrupted(signal: try container.decode(Int32.self, forKey: .signal))
        case .aborted: self = .aborted(threshold: try container.decode(String.self, forKey: .threshold))
        case .failed: self = .failed(message: try container.decode(String.self, forKey: .message))
        }
    }

    /// Encodes `{"kind": "completed"}`, `{"kind": "interrupted", "signal": 2}`, `{"kind": "aborted", "threshold": …}`,
    /// `{"kind": "failed", "message": …}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .completed:
            try container.encode(Kind.completed, forKey: .kind)
        case .interrupted(let signal):
            try container.encode(Kind.interrupted, forKey: .kind)
            try container.encode(signal, forKey: .signal)
        case .aborted(let threshold):
            try container.encode(Kind.aborted, forKey: .kind)
            try container.encode(threshold, forKey: .threshold)
        case .failed(let message):
            try container.encode(Kind.failed, forKey: .kind)
            try container.encode(message, forKey: .message)
        }
    }
}
