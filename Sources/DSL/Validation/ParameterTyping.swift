import StampedeModel
import StampedePluginAPI

extension SemanticChecker {
    /// Reads parameters whose declared type is a duration, distribution or probability into seconds, distributions and
    /// fractions, so
    /// that the engine needs no YAML or units of its own.
    mutating func typeParameters(_ behavioursNode: YAMLNode?, targets targetsNode: YAMLNode?) {
        for t in scenario.targets.indices {
            guard let declaration = registry.declaration(named: scenario.targets[t].adapter),
                  let config = targetsNode?[scenario.targets[t].name]?["config"] else { continue }
            for parameter in declaration.config {
                guard let node = config[parameter.name] else { continue }
                if let typed = typed(node, as: parameter.type) { scenario.targets[t].config[parameter.name] = typed }
            }
        }
        for b in scenario.behaviours.indices {
            let stateNodes = behavioursNode?[scenario.behaviours[b].name]?["states"]
            for s in scenario.behaviours[b].states.indices {
                guard case .action(var action) = scenario.behaviours[b].states[s].kind,
                      let adapterName = scenario.target(named: action.target)?.adapter,
                      let declaration = registry.declaration(named: adapterName)?.action(named: action.action),
                      let with = stateNodes?[scenario.behaviours[b].states[s].name]?["with"] else { continue }
                for parameter in declaration.parameters {
                    guard let node = with[parameter.name], let typed = typed(node, as: parameter.type) else { continue }
                    action.parameters[parameter.name] = typed
                }
                scenario.behaviours[b].states[s].kind = .action(action)
            }
        }
    }

    /// The value of `node` read by its declared type, for durations, distributions and probabilities (`10%` → 0.1).
    private func typed(_ node: YAMLNode, as type: ParameterType) -> ConfigValue? {
        switch type {
        case .duration: node.seconds.map { .seconds($0, node.location) }
        case .distribution: DistributionDecoder.decode(node).map { .distribution($0, node.location) }
        case .probability: node.probability.map { .plain(String($0), node.location) }
        default: nil
        }
    }
}
