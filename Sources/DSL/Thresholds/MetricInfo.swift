import StampedePluginAPI

/// A metric that thresholds may refer to: built in, or declared by an adapter.
public struct MetricInfo: Sendable, Equatable {
    /// The name used in threshold keys: `latency`.
    public var name: String
    /// How the metric aggregates; decides which aggregations a threshold may use.
    public var kind: MetricKind
    /// What a single value measures; decides which units a bound may have.
    public var unit: MetricUnit
    /// One line on what the metric measures.
    public var summary: String

    /// Creates a metric description.
    public init(name: String, kind: MetricKind, unit: MetricUnit, summary: String) {
        self.name = name
        self.kind = kind
        self.unit = unit
        self.summary = summary
    }

    /// The description of a metric an adapter declares. Trend metrics of adapters are durations,
    /// rate metrics fractions, counters and gauges plain counts.
    public init(_ declaration: MetricDeclaration) {
        let unit: MetricUnit =
            switch declaration.kind {
            case .trend: .duration
            case .rate: .fraction
            case .counter, .gauge: .count
            }
        self.init(name: declaration.name, kind: declaration.kind, unit: unit, summary: declaration.summary)
    }
}
