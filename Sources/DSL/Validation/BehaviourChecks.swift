import StampedeModel
import StampedePluginAPI

extension SemanticChecker {
    /// Checks one behaviour: its start, states, transitions, actions, activities, and that every run can end.
    mutating func checkBehaviour(at index: Int, node: YAMLNode?) {
        let behaviour = scenario.behaviours[index]
        let names = behaviour.states.map(\.name)
        // States written but not decoded (already reported) still count as names, to avoid follow-on errors.
        let declared = node?["states"]?.entries?.map(\.key) ?? names
        let complete = declared.count == names.count
        let targets = declared + [endStateName]
        for state in behaviour.states where state.name == endStateName {
            error(state.location, "'end' is reserved for the end of a run and cannot be a state", hint: "rename this state; transitions to 'end' finish the run")
        }
        if !declared.contains(behaviour.start), !declared.isEmpty {
            error(behaviour.startLocation ?? behaviour.location, "behaviour '\(behaviour.name)' starts in unknown state '\(behaviour.start)'",
                  hint: Suggestion.hint(for: behaviour.start, in: declared, noun: "its states are"))
        }
        for activity in behaviour.activities where !declared.contains(activity.start) {
            error(activity.startLocation ?? activity.location, "activity '\(activity.name)' starts in unknown state '\(activity.start)'",
                  hint: Suggestion.hint(for: activity.start, in: declared, noun: "its states are"))
        }
        let captured = Set(behaviour.states.flatMap { $0.action?.captures.keys.map { $0 } ?? [] })
        for state in behaviour.states {
            let stateNode = node?["states"]?[state.name]
            checkTransitions(of: state, in: behaviour, validTargets: targets, node: stateNode?["next"])
            checkErrorTarget(of: state, validTargets: targets)
            if let think = state.think { checkDistribution(think, at: stateNode?["think"]?.location ?? state.location) }
            if let action = state.action {
                checkAction(action, in: state, node: stateNode)
                var templates = TemplateChecks(captured: captured, feeders: scenario.feeders)
                templates.check(stateNode?["with"])
                report(templates.diagnostics)
            }
        }
        if complete, behaviour.state(named: behaviour.start) != nil { checkTermination(of: behaviour) }
    }

    /// `on_error` names a state (or `end`) and belongs to a state with an action (a rendezvous cannot fail).
    private mutating func checkErrorTarget(of state: StateSpec, validTargets: [String]) {
        guard let target = state.onError else { return }
        let location = state.onErrorLocation ?? state.location
        if state.action == nil {
            error(location, "state '\(state.name)' has on_error but no action to fail",
                  hint: "on_error applies to states with an action; remove it here")
        }
        if !validTargets.contains(target) {
            error(location, "state '\(state.name)' goes on error to unknown state '\(target)'",
                  hint: Suggestion.hint(for: target, in: validTargets, noun: "states are"))
        }
    }

    private mutating func checkTransitions(of state: StateSpec, in behaviour: BehaviourSpec, validTargets: [String], node: YAMLNode?) {
        for transition in state.transitions where !validTargets.contains(transition.to) {
            error(transition.location ?? state.location, "state '\(state.name)' goes to unknown state '\(transition.to)'",
                  hint: Suggestion.hint(for: transition.to, in: validTargets, noun: "states are"))
        }
        guard node?.entries != nil else { return }
        let probabilities = state.transitions.map(\.probability)
        guard probabilities.allSatisfy({ !$0.isNaN }) else { return }
        let sum = probabilities.reduce(0, +)
        if abs(sum - 1) > 1e-9 {
            let missing = 1 - sum
            let endProbability = state.transitions.first { $0.to == endStateName }?.probability
            let hint = missing > 0
                ? (endProbability.map { "raise 'end' to \(($0 + missing).roundedText) or raise the others (probabilities are not normalised)" }
                    ?? "add 'end: \(missing.roundedText)' or raise the others (probabilities are not normalised)")
                : "lower them by \((-missing).roundedText) in all (probabilities are not normalised)"
            error(node?.location ?? state.location, "the probabilities of state '\(state.name)' sum to \(sum.roundedText), not 1", hint: hint)
        }
    }

    private mutating func checkAction(_ action: ActionSpec, in state: StateSpec, node: YAMLNode?) {
        let location = action.location ?? state.location
        guard let target = scenario.target(named: action.target) else {
            return error(location, "state '\(state.name)' uses unknown target '\(action.target)'",
                         hint: Suggestion.hint(for: action.target, in: scenario.targets.map(\.name), noun: "targets are"))
        }
        guard let adapter = registry.declaration(named: target.adapter) else { return }
        guard let declaration = adapter.action(named: action.action) else {
            return error(location.advanced(by: action.target.count + 1),
                         "adapter '\(adapter.name)' (target '\(target.name)') has no action '\(action.action)'",
                         hint: Suggestion.hint(for: action.action, in: adapter.actions.map(\.name), noun: "its actions are"))
        }
        ParameterChecks.check(node?["with"], against: declaration.parameters, what: "action \(action.qualifiedName)",
                              owner: location, into: &diagnostics)
        if let fields = declaration.captures {
            for entry in node?["capture"]?.entries ?? [] {
                guard let source = entry.value.text, !fields.contains(source) else { continue }
                let hint = fields.isEmpty ? "this action returns nothing to capture"
                    : Suggestion.hint(for: source, in: fields, noun: "it returns")
                error(entry.value.scalar?.contentLocation ?? entry.keyLocation,
                      "action \(action.qualifiedName) returns no field '\(source)'", hint: hint)
            }
        }
    }

    private mutating func checkDistribution(_ spec: DistributionSpec, at location: SourceLocation) {
        switch spec {
        case .uniform(let min, let max) where min > max,
             .normal(_, _, .some(let min), .some(let max)) where min > max,
             .lognormal(_, _, .some(let min), .some(let max)) where min > max:
            error(location, "the pause's min is above its max", hint: "swap min and max")
        case .lognormal(let median, _, _, _) where median <= 0:
            error(location, "a lognormal pause needs a median above 0s")
        case .exponential(let mean, _) where mean <= 0:
            error(location, "an exponential pause needs a mean above 0s", hint: "write a constant pause of 0s instead")
        default:
            break
        }
    }

    /// Unreachable states (a warning) and states from which a run can never end (an error).
    private mutating func checkTermination(of behaviour: BehaviourSpec) {
        let edges = Dictionary(behaviour.states.map { state in
            (state.name, state.transitions.isEmpty ? [endStateName] : state.transitions.filter { !($0.probability <= 0) }.map(\.to))
        }, uniquingKeysWith: { first, _ in first })
        let roots = [behaviour.start] + behaviour.activities.map(\.start)
        // A state reached only when an action fails is reached too; but a run must be able to end without failures.
        let errorEdges = Dictionary(behaviour.states.compactMap { state in state.onError.map { (state.name, $0) } },
                                    uniquingKeysWith: { first, _ in first })
        var reachable = Set<String>()
        var stack = roots.filter { edges[$0] != nil }
        while let name = stack.popLast() {
            guard reachable.insert(name).inserted else { continue }
            let next = (edges[name] ?? []) + (errorEdges[name].map { [$0] } ?? [])
            stack += next.filter { edges[$0] != nil && !reachable.contains($0) }
        }
        for state in behaviour.states where !reachable.contains(state.name) && state.name != endStateName {
            warning(state.location, "state '\(state.name)' of behaviour '\(behaviour.name)' is never reached",
                    hint: "no transition leads to it; remove it or add a transition")
        }
        var ending: Set<String> = [endStateName]
        var changed = true
        while changed {
            changed = false
            for (name, targets) in edges where !ending.contains(name) && targets.contains(where: ending.contains) {
                ending.insert(name)
                changed = true
            }
        }
        let trapped = behaviour.states.filter { reachable.contains($0.name) && !ending.contains($0.name) }
        if let first = trapped.first {
            let names = trapped.map { "'\($0.name)'" }.joined(separator: ", ")
            error(first.location, "behaviour '\(behaviour.name)' can never end: no path leads from \(names) to 'end'",
                  hint: "give one of these states a transition to 'end' (or to a state that reaches it)")
        }
    }
}

