import StampedeModel
import StampedePluginAPI

/// Checks what a scenario means, once its structure is known: each concern lives in its own extension file.
struct SemanticChecker {
    /// The scenario being checked; some checks complete it (feeder columns from headers, default mixes).
    var scenario: Scenario
    let registry: AdapterRegistry
    /// Where relative feeder paths are resolved.
    let directory: String
    /// Every finding so far.
    var diagnostics: [Diagnostic] = []

    init(scenario: Scenario, registry: AdapterRegistry, directory: String) {
        self.scenario = scenario
        self.registry = registry
        self.directory = directory
    }

    mutating func checkAll(root: YAMLNode) {
        checkTargets(root["targets"])
        checkFeeders()
        for index in scenario.behaviours.indices {
            checkBehaviour(at: index, node: root["behaviours"]?[scenario.behaviours[index].name])
        }
        checkLoads(root["load"])
        typeParameters(root["behaviours"], targets: root["targets"])
        checkThresholds(root["thresholds"])
        if scenario.duration <= 0, let node = root["duration"], node.seconds != nil {
            error(node.location, "duration must be more than 0s", hint: "write e.g. duration: 10m")
        }
    }

    mutating func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(location, message, hint: hint))
    }

    mutating func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(.warning(location, message, hint: hint))
    }

    mutating func report(_ more: [Diagnostic]) {
        diagnostics += more
    }

    private mutating func checkTargets(_ node: YAMLNode?) {
        for target in scenario.targets where !target.adapter.isEmpty {
            guard let declaration = registry.declaration(named: target.adapter) else {
                error(node?[target.name]?["adapter"]?.location ?? target.location, "target '\(target.name)' uses unknown adapter '\(target.adapter)'",
                      hint: Suggestion.hint(for: target.adapter, in: registry.names, noun: "available adapters are"))
                continue
            }
            ParameterChecks.check(node?[target.name]?["config"], against: declaration.config,
                                  what: "target '\(target.name)' config", owner: target.location, into: &diagnostics)
        }
    }
}
