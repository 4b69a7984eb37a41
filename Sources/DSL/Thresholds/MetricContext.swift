import StampedePluginAPI

/// What thresholds of one scenario may refer to: the metrics and tag keys of its adapters, and the names
/// of its actions, targets, behaviours, states and loads (the allowed values of those tags).
public struct MetricContext: Sendable, Equatable {
    /// Built-in metrics followed by the adapters' own; a built-in name wins over an adapter's.
    public var metrics: [MetricInfo]
    /// Built-in tag keys followed by the adapters' own.
    public var tagKeys: [String]
    /// The allowed values of each scenario tag key (`action` values are `target.action`).
    public var tagValues: [String: [String]]

    /// Creates a context.
    /// - Parameters:
    ///   - adapterMetrics: metrics the scenario's adapters declare.
    ///   - adapterTags: tag keys the scenario's adapters set.
    ///   - actions: qualified action names, `target.action`.
    ///   - targets, behaviours, states, loads: the names declared in the scenario.
    public init(
        adapterMetrics: [MetricDeclaration], adapterTags: [String], actions: [String], targets: [String],
        behaviours: [String], states: [String], loads: [String]
    ) {
        var metrics = MetricCatalog.builtin
        for declaration in adapterMetrics where !metrics.contains(where: { $0.name == declaration.name }) {
            metrics.append(MetricInfo(declaration))
        }
        self.metrics = metrics
        var keys = MetricCatalog.builtinTagKeys
        for key in adapterTags where !keys.contains(key) { keys.append(key) }
        self.tagKeys = keys
        self.tagValues = [
            "action": actions, "target": targets, "behaviour": behaviours, "state": states, "load": loads,
        ]
    }

    /// The metric called `name`.
    public func metric(named name: String) -> MetricInfo? {
        metrics.first { $0.name == name }
    }
}
