import StampedeMetrics
import StampedeModel
import StampedePlan
import StampedePluginAPI

/// A behaviour's states ready to execute: each action state with its target, compiled parameters, and the tag
/// sets of its samples precomputed per load (so recording allocates nothing in the common case). A class, so that
/// the hot path passes it around with one reference count rather than one per field.
final class RunnableBehaviour: Sendable {
    /// The compiled behaviour (transitions, samplers).
    let compiled: CompiledBehaviour
    /// Per state: the action to perform, or nil (rendezvous).
    let actions: [RunnableAction?]
    /// Per state: the rendezvous barrier, or nil.
    let barriers: [Rendezvous?]
    /// Tags of the behaviour's run-level samples, per load.
    let runTags: [TagSet]

    init(_ compiled: CompiledBehaviour, targets: TargetSet, loads: [String], environment: [String: String]) {
        self.compiled = compiled
        actions = compiled.spec.states.map { state in
            state.action.flatMap { action in
                targets.index[action.target].map { index in
                    RunnableAction(action, state: state.name, behaviour: compiled.spec.name, targetIndex: index, targets: targets,
                                   loads: loads, environment: environment)
                }
            }
        }
        barriers = compiled.spec.states.map { state in
            if case let .rendezvous(players, timeout) = state.kind { return Rendezvous(players: players, timeout: timeout) }
            return nil
        }
        runTags = loads.map { TagSet(["behaviour": compiled.spec.name, "load": $0]) }
    }
}

/// One action state, ready to perform (a class, like ``RunnableBehaviour``, for cheap passing around).
final class RunnableAction: Sendable {
    let name: String
    /// `target.action`.
    let qualifiedName: String
    /// The behaviour the state belongs to (for the request's player information).
    let behaviour: String
    let targetIndex: Int
    let target: any ActionTarget
    let parameters: [(String, ValueTemplate)]
    let captures: [String: String]
    let metricKinds: [String: MetricKind]
    /// Base tags per load.
    let tags: [TagSet]
    /// Base tags plus `outcome:ok`, per load.
    let okTags: [TagSet]
    /// Base tags plus `outcome:error`, per load.
    let errorTags: [TagSet]
    /// Tags of outcomes that carry tags of their own, per load.
    let outcomeTags: [OutcomeTagCache]

    init(_ action: ActionSpec, state: String, behaviour: String, targetIndex: Int, targets: TargetSet, loads: [String],
         environment: [String: String]) {
        name = action.action
        qualifiedName = action.qualifiedName
        self.behaviour = behaviour
        self.targetIndex = targetIndex
        target = targets.targets[targetIndex]
        // A target setting named like a parameter of the action is that parameter's default.
        var values = action.parameters
        let declared = targets.declarations[targetIndex].action(named: action.action)?.parameters.map(\.name) ?? []
        for (name, value) in targets.configs[targetIndex] where declared.contains(name) && values[name] == nil {
            values[name] = value
        }
        parameters = ValueCompiler.compile(values, environment: environment)
        captures = action.captures
        metricKinds = targets.metricKinds[targetIndex]
        let base = TagSet(action.tags).merging([
            "action": action.qualifiedName, "target": action.target, "behaviour": behaviour, "state": state,
        ])
        tags = loads.map { base.adding("load", $0) }
        okTags = tags.map { $0.adding("outcome", "ok") }
        errorTags = tags.map { $0.adding("outcome", "error") }
        outcomeTags = tags.map { OutcomeTagCache(actionTags: $0) }
    }

    /// The request for `player`, templates rendered; with the name of a `unique` feeder that ran out of rows, if one did.
    func request(for player: Player, feeders: FeederStore) -> (ActionRequest, exhaustedFeeder: String?) {
        var context = RenderContext(player: player, feeders: feeders, rng: player.rng, exhaustedFeeder: nil)
        var values: [String: ActionValue] = [:]
        values.reserveCapacity(parameters.count)
        for (key, template) in parameters { values[key] = template.render(&context) }
        player.rng = context.rng
        let request = ActionRequest(action: name, parameters: values, captures: captures,
                                    player: PlayerInfo(id: player.id, behaviour: behaviour), random: player.rng.next())
        return (request, context.exhaustedFeeder)
    }
}
