import StampedeModel

/// What one run of a behaviour's state machine does on average: how often each state is visited and
/// each action performed before the run reaches `end`.
///
/// The behaviour is read as an absorbing Markov chain (see ``analyse(_:from:)`` for how odd
/// transitions are treated). With Q the transition matrix among the states reachable from `start`,
/// the expected visits v solve (I − Qᵀ) v = e_start.
public struct MarkovAnalysis: Sendable {
    /// A visited state and its expected number of visits.
    private struct Visited: Sendable {
        var state: StateSpec
        var visits: Double
    }

    /// The state runs start in.
    public let start: String
    /// The expected number of visits of each state in one run started at ``start``, until `end`.
    ///
    /// Holds every reachable state (a state that is absent is never visited). Empty when
    /// ``neverEnding`` is not: runs may then never end, and some expected visits are infinite.
    public let expectedVisits: [String: Double]
    /// The states reachable from ``start`` from which `end` cannot be reached, in written order.
    ///
    /// A run entering one of them never ends. When this is not empty, ``expectedVisits`` and
    /// ``expectedActions`` are empty and ``expectedDuration(latency:think:)`` is infinite. (Should the
    /// visit equations ever be numerically singular, it holds just ``start``, with the same effect.)
    public let neverEnding: [String]
    /// The declared states a run started at ``start`` can visit (``start`` included when it is
    /// declared; `end` and unknown names never included).
    public let reachable: Set<String>
    /// The expected number of times each action is performed per run, keyed by
    /// `ActionSpec.qualifiedName` (`target.action`): the visits summed over the states performing it.
    public let expectedActions: [String: Double]
    /// The visited states with their visits, in written order.
    private let visited: [Visited]

    /// The expected length of one run, in seconds: Σ over states of visits · (latency + think).
    ///
    /// - Parameters:
    ///   - latency: The expected time spent in a state (its action's latency, or a rendezvous' wait).
    ///   - think: The expected pause after a state.
    /// - Returns: The expected duration; `+∞` when runs may never end (``neverEnding`` not empty);
    ///   0 when ``start`` is not a declared state or is `end`.
    public func expectedDuration(latency: (StateSpec) -> Double, think: (StateSpec) -> Double) -> Double {
        guard neverEnding.isEmpty else { return .infinity }
        return visited.reduce(0) { $0 + $1.visits * (latency($1.state) + think($1.state)) }
    }

    /// Analyses runs of `behaviour` started in the state `start`.
    ///
    /// Transitions are read as a weighted choice: each state's usable transitions (to `end` or to a
    /// declared state, with a finite positive probability) are normalised to sum to 1; transitions to
    /// unknown states and non-positive probabilities are ignored (validation reports them), and a
    /// state with no usable transition goes to `end`. When `start` is `end` or not a declared state,
    /// the analysis is empty (nothing visited, nothing reachable). It never traps.
    ///
    /// Cost: O(n³) in the number of reachable states — microseconds for 50 states.
    public static func analyse(_ behaviour: BehaviourSpec, from start: String) -> MarkovAnalysis {
        let graph = TransitionGraph(behaviour)
        guard let startIndex = graph.indices[start] else {
            return MarkovAnalysis(start: start, visits: [:], neverEnding: [], reachable: [], visited: [])
        }
        let reachable = graph.reachable(from: startIndex)
        let reachableNames = Set(reachable.map { graph.states[$0].name })
        let reachesEnd = graph.canReachEnd()
        let neverEnding = reachable.filter { !reachesEnd[$0] }.map { graph.states[$0].name }
        guard neverEnding.isEmpty, let visits = solveVisits(graph, reachable: reachable, start: startIndex) else {
            return MarkovAnalysis(
                start: start, visits: [:], neverEnding: neverEnding.isEmpty ? [start] : neverEnding,
                reachable: reachableNames, visited: []
            )
        }
        let visited = zip(reachable, visits).map { Visited(state: graph.states[$0], visits: $1) }
        return MarkovAnalysis(
            start: start, visits: Dictionary(uniqueKeysWithValues: visited.map { ($0.state.name, $0.visits) }),
            neverEnding: [], reachable: reachableNames, visited: visited
        )
    }

    private init(
        start: String, visits: [String: Double], neverEnding: [String], reachable: Set<String>, visited: [Visited]
    ) {
        self.start = start
        expectedVisits = visits
        self.neverEnding = neverEnding
        self.reachable = reachable
        self.visited = visited
        var actions: [String: Double] = [:]
        for entry in visited {
            if let action = entry.state.action { actions[action.qualifiedName, default: 0] += entry.visits }
        }
        expectedActions = actions
    }

    /// Solves (I − Qᵀ) v = e_start over the reachable states (`reachable[k]` is unknown k).
    private static func solveVisits(_ graph: TransitionGraph, reachable: [Int], start: Int) -> [Double]? {
        var local = [Int](repeating: -1, count: graph.states.count)
        for (position, state) in reachable.enumerated() { local[state] = position }
        var system = LinearSystem(size: reachable.count)
        for (position, state) in reachable.enumerated() {
            system[position, position] += 1
            for edge in graph.edges[state] {
                // Every target of a reachable state is reachable.
                system[local[edge.target], position] -= edge.probability
            }
        }
        system.rightHandSide[local[start]] = 1
        guard let visits = system.solution() else { return nil }
        // Round-off can leave a visit a hair below 0; a visit count is never negative.
        return visits.map { max($0, 0) }
    }
}
