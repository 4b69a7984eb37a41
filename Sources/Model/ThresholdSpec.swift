/// Pass/fail criteria on one metric, optionally filtered by tags: `latency{action:game.login}`.
public struct ThresholdSpec: Sendable, Equatable {
    /// The metric's name.
    public var metric: String
    /// Tag filters, in written order.
    public var tags: [TagFilter]
    /// The criteria; all must hold.
    public var criteria: [ThresholdCriterion]
    /// Where the key is.
    public var location: SourceLocation

    /// Creates a threshold.
    public init(metric: String, tags: [TagFilter], criteria: [ThresholdCriterion], location: SourceLocation) {
        self.metric = metric
        self.tags = tags
        self.criteria = criteria
        self.location = location
    }

    /// The key as written canonically: `metric{k:v,k:v}`.
    public var key: String {
        tags.isEmpty ? metric : "\(metric){\(tags.map { "\($0.key):\($0.value)" }.joined(separator: ","))}"
    }
}

/// One `key:value` tag filter.
public struct TagFilter: Sendable, Equatable {
    /// The tag's key.
    public var key: String
    /// The value it must have.
    public var value: String
    /// Where the filter is written.
    public var location: SourceLocation

    /// Creates a filter.
    public init(key: String, value: String, location: SourceLocation) {
        self.key = key
        self.value = value
        self.location = location
    }
}

/// One criterion: `p(95) < 200ms`.
public struct ThresholdCriterion: Sendable, Equatable {
    /// The expression as written.
    public var source: String
    /// What is computed from the metric.
    public var aggregation: Aggregation
    /// The comparison.
    public var comparison: Comparison
    /// The bound, in the metric's base unit (seconds for durations, a fraction for `%`).
    public var bound: Double
    /// Whether a failure stops the run at once (checked during the run).
    public var abortOnFail: Bool
    /// How long after the start the criterion may first abort the run, in seconds.
    public var delayAbortEval: Double?
    /// Where the expression is written.
    public var location: SourceLocation

    /// Creates a criterion.
    public init(
        source: String, aggregation: Aggregation, comparison: Comparison, bound: Double,
        abortOnFail: Bool = false, delayAbortEval: Double? = nil, location: SourceLocation
    ) {
        self.source = source
        self.aggregation = aggregation
        self.comparison = comparison
        self.bound = bound
        self.abortOnFail = abortOnFail
        self.delayAbortEval = delayAbortEval
        self.location = location
    }
}

/// What a threshold computes from a metric.
public enum Aggregation: Sendable, Equatable, CustomStringConvertible {
    /// Mean.
    case avg
    /// Smallest value.
    case min
    /// Largest value.
    case max
    /// Median.
    case med
    /// The N-th percentile, 0 < N ≤ 100.
    case percentile(Double)
    /// Number of samples (or of true samples for rates, total for counters).
    case count
    /// For rate metrics the fraction of true samples; for counters events per second.
    case rate
    /// A gauge's last value.
    case value

    /// As written in a threshold.
    public var description: String {
        switch self {
        case .avg: "avg"
        case .min: "min"
        case .max: "max"
        case .med: "med"
        case .percentile(let p): "p(\(p.compactText))"
        case .count: "count"
        case .rate: "rate"
        case .value: "value"
        }
    }
}

/// A threshold's comparison operator.
public enum Comparison: String, Sendable, Equatable, CaseIterable {
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="
    /// `==`
    case equal = "=="

    /// Whether `value` satisfies the comparison against `bound`.
    public func holds(_ value: Double, _ bound: Double) -> Bool {
        switch self {
        case .less: value < bound
        case .lessOrEqual: value <= bound
        case .greater: value > bound
        case .greaterOrEqual: value >= bound
        case .equal: value == bound
        }
    }
}

