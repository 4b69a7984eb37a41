/// The outcome of one threshold criterion: `latency{action:game.login}` / `p(95) < 200ms`.
public struct ThresholdVerdict: Sendable, Equatable, Codable {
    /// The threshold's key as written canonically (``StampedeModel/ThresholdSpec/key``).
    public var key: String
    /// The criterion as written: `p(95) < 200ms`.
    public var criterion: String
    /// Whether the criterion held.
    public var passed: Bool
    /// The measured value in the unit's base (seconds, fraction, count, per second); nil when there was nothing to
    /// measure (see ``reason``).
    public var value: Double?
    /// How to print ``value`` and ``bound``.
    public var unit: VerdictUnit
    /// The comparison operator as written: `<`, `<=`, `>`, `>=`, `==`.
    public var comparison: String
    /// The bound, in the same unit as ``value``.
    public var bound: Double
    /// Whether a failure stops the run.
    public var abortOnFail: Bool
    /// Seconds after the start before a failure may stop the run.
    public var delayAbortEval: Double?
    /// Why the criterion failed without a value (``noData``), or nil.
    public var reason: String?

    /// The ``reason`` of a criterion over a metric (or tag filter) with no samples.
    public static let noData = "no data"

    /// Creates a verdict.
    public init(
        key: String, criterion: String, passed: Bool, value: Double?, unit: VerdictUnit, comparison: String, bound: Double,
        abortOnFail: Bool = false, delayAbortEval: Double? = nil, reason: String? = nil
    ) {
        self.key = key
        self.criterion = criterion
        self.passed = passed
        self.value = value
        self.unit = unit
        self.comparison = comparison
        self.bound = bound
        self.abortOnFail = abortOnFail
        self.delayAbortEval = delayAbortEval
        self.reason = reason
    }

    /// `KEY: CRITERION`, as test reports name the criterion.
    public var name: String { "\(key): \(criterion)" }

    private enum CodingKeys: String, CodingKey {
        case key, criterion, passed, value, unit, comparison, bound, reason
        case abortOnFail = "abort_on_fail"
        case delayAbortEval = "delay_abort_eval"
    }
}
