/// What happened when an action was performed.
public struct ActionOutcome: Sendable, Equatable {
    /// Success, or an error with a kind that reports group by (`timeout`, `status_500`, `connect`, …).
    public enum Status: Sendable, Equatable {
        /// The action did what it should.
        case ok
        /// The action failed.
        case error(kind: String, message: String)
    }

    /// Success or error.
    public var status: Status
    /// Bytes received.
    public var bytesIn: Int
    /// Bytes sent.
    public var bytesOut: Int
    /// Session variable → captured value.
    public var captured: [String: String]
    /// Tags added to this sample (e.g. `status: "200"`).
    public var tags: [String: String]
    /// Custom metric samples (names the adapter declares).
    public var metrics: [MetricSample]

    /// Creates an outcome.
    public init(
        status: Status, bytesIn: Int = 0, bytesOut: Int = 0, captured: [String: String] = [:], tags: [String: String] = [:],
        metrics: [MetricSample] = []
    ) {
        self.status = status
        self.bytesIn = bytesIn
        self.bytesOut = bytesOut
        self.captured = captured
        self.tags = tags
        self.metrics = metrics
    }

    /// A success.
    public static func ok(bytesIn: Int = 0, bytesOut: Int = 0, captured: [String: String] = [:], tags: [String: String] = [:]) -> ActionOutcome {
        ActionOutcome(status: .ok, bytesIn: bytesIn, bytesOut: bytesOut, captured: captured, tags: tags)
    }

    /// A failure of the given kind.
    public static func error(_ kind: String, _ message: String, tags: [String: String] = [:]) -> ActionOutcome {
        ActionOutcome(status: .error(kind: kind, message: message), tags: tags)
    }

    /// Whether the action succeeded.
    public var isOK: Bool { status == .ok }
}

/// One value of a custom metric an adapter declares (see ``MetricDeclaration``).
public struct MetricSample: Sendable, Equatable {
    /// The metric's name.
    public var name: String
    /// The value: an amount for counters, 0/1 for rates, seconds for duration trends, the level for gauges.
    public var value: Double
    /// Tags of this sample.
    public var tags: [String: String]

    /// Creates a sample.
    public init(name: String, value: Double, tags: [String: String] = [:]) {
        self.name = name
        self.value = value
        self.tags = tags
    }
}
