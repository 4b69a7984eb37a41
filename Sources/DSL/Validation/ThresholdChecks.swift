import StampedeModel
import StampedePluginAPI

extension SemanticChecker {
    /// Compiles every threshold against the metrics and names this scenario has.
    mutating func checkThresholds(_ node: YAMLNode?) {
        guard let entries = node?.entries, !entries.isEmpty else { return }
        let stateTagKeys = Array(Set(scenario.behaviours.flatMap { $0.states.flatMap { $0.action?.tags.keys.map { $0 } ?? [] } })).sorted()
        let adapters = scenario.targets.compactMap { registry.declaration(named: $0.adapter) }
        let actions = scenario.behaviours.flatMap { $0.states.compactMap { $0.action?.qualifiedName } }
        let context = MetricContext(
            adapterMetrics: adapters.flatMap(\.metrics), adapterTags: adapters.flatMap(\.tags) + stateTagKeys,
            actions: Array(Set(actions)).sorted(), targets: scenario.targets.map(\.name),
            behaviours: scenario.behaviours.map(\.name),
            states: Array(Set(scenario.behaviours.flatMap { $0.states.map(\.name) })).sorted(),
            loads: scenario.loads.map(\.name)
        )
        let compiler = ThresholdCompiler(context: context)
        for entry in entries {
            let criteria = rawCriteria(entry.value)
            guard !criteria.isEmpty else { continue }
            let (spec, problems) = compiler.compile(key: entry.key, at: entry.keyLocation, criteria: criteria)
            report(problems)
            if let spec { scenario.thresholds.append(spec) }
        }
    }

    private func rawCriteria(_ node: YAMLNode) -> [RawCriterion] {
        if let scalar = node.scalar {
            return scalar.isNull ? [] : [RawCriterion(text: scalar.text, location: scalar.contentLocation)]
        }
        return (node.items ?? []).compactMap { item in
            if let scalar = item.scalar {
                return RawCriterion(text: scalar.text, location: scalar.contentLocation)
            }
            guard let text = item["threshold"]?.scalar, !text.isNull else { return nil }
            return RawCriterion(text: text.text, location: text.contentLocation,
                                abortOnFail: item["abortOnFail"]?.bool ?? false, delayAbortEval: item["delayAbortEval"]?.seconds)
        }
    }
}
