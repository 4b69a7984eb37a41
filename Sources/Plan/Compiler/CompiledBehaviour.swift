import StampedeModel

/// A behaviour ready to drive players: states by index, O(1) transition choice, pause samplers, and its
/// expected shape from Markov analysis.
public struct CompiledBehaviour: Sendable {
    /// The behaviour as written.
    public let spec: BehaviourSpec
    /// Its states, in written order.
    public let states: [CompiledState]
    /// Index of the start state.
    public let start: Int
    /// Index of each activity's first state, in the order of `spec.activities`.
    public let activityStarts: [Int]
    /// Expected visits and actions of one run from the start state.
    public let run: MarkovAnalysis
    /// Expected visits and actions of one run of each activity.
    public let activityRuns: [MarkovAnalysis]

    init(_ spec: BehaviourSpec) {
        self.spec = spec
        let index = Dictionary(spec.states.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        states = spec.states.map { CompiledState($0, stateIndex: index) }
        start = index[spec.start] ?? 0
        activityStarts = spec.activities.map { index[$0.start] ?? 0 }
        run = MarkovAnalysis.analyse(spec, from: spec.start)
        activityRuns = spec.activities.map { MarkovAnalysis.analyse(spec, from: $0.start) }
    }

    /// Expected length of one run (actions' expected latencies plus expected pauses), in seconds.
    public func expectedDuration(of analysis: MarkovAnalysis) -> Double {
        analysis.expectedDuration(
            latency: { $0.action?.expectedLatency ?? 0 },
            think: { state in
                state.think.map { DistributionSampler($0).expectedPause(actionDuration: state.action?.expectedLatency ?? 0) } ?? 0
            }
        )
    }

    /// Whether every action reachable in `analysis` declares its expected latency.
    public func declaresLatencies(in analysis: MarkovAnalysis) -> Bool {
        spec.states.allSatisfy { state in
            !analysis.reachable.contains(state.name) || state.action == nil || state.action?.expectedLatency != nil
        }
    }
}

/// A state ready to run.
public struct CompiledState: Sendable {
    /// Index meaning "the run ends".
    public static let end = -1

    /// The state as written.
    public let spec: StateSpec
    /// Indices of the transitions' targets (``end`` for `end`).
    public let targets: [Int]
    /// O(1) choice among the transitions (nil when there is at most one).
    public let table: AliasTable?
    /// The pause sampler, if the state pauses.
    public let think: DistributionSampler?
    /// Where a failed action leads instead (``end`` for `end`); nil: the transitions, as after a success.
    public let errorTarget: Int?

    init(_ spec: StateSpec, stateIndex: [String: Int]) {
        self.spec = spec
        let transitions = spec.transitions.filter { $0.probability > 0 }
        targets = transitions.isEmpty ? [Self.end] : transitions.map { stateIndex[$0.to] ?? Self.end }
        table = transitions.count > 1 ? AliasTable(weights: transitions.map(\.probability)) : nil
        think = spec.think.map(DistributionSampler.init)
        errorTarget = spec.onError.map { stateIndex[$0] ?? Self.end }
    }

    /// The next state's index (or ``end``), chosen with `rng`.
    public func next(using rng: inout SeededRandom) -> Int {
        guard let table else { return targets[0] }
        return targets[table.sample(using: &rng)]
    }
}
