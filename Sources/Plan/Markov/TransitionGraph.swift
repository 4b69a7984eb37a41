import StampedeModel

/// A behaviour's states as an indexed absorbing Markov chain, with `end` as the absorbing state.
///
/// Each state's row holds its usable transitions — to `end` or to a declared state, with a finite
/// positive probability — normalised to sum to 1, as a weighted choice at run time would treat them.
/// Transitions to unknown states, and non-positive or non-finite probabilities, are ignored; a state
/// left without usable transitions goes to `end`. Of states declared twice, the first counts; a
/// state declared with the reserved name `end` is never entered.
struct TransitionGraph {
    /// One usable move to a declared state.
    struct Edge {
        /// The next state's index.
        var target: Int
        /// Its normalised probability (> 0).
        var probability: Double
    }

    /// The declared states, first of each name, in written order.
    let states: [StateSpec]
    /// A state's index by name.
    let indices: [String: Int]
    /// Each state's moves to declared states.
    let edges: [[Edge]]
    /// Each state's probability of going to `end` next.
    let endProbability: [Double]

    /// The chain of `behaviour`.
    init(_ behaviour: BehaviourSpec) {
        var states: [StateSpec] = []
        var indices: [String: Int] = [:]
        for state in behaviour.states where state.name != endStateName && indices[state.name] == nil {
            indices[state.name] = states.count
            states.append(state)
        }
        var edges: [[Edge]] = []
        var endProbability: [Double] = []
        for state in states {
            var row: [Edge] = []
            row.reserveCapacity(state.transitions.count)
            var toEnd = 0.0
            for transition in state.transitions where transition.probability.isFinite && transition.probability > 0 {
                if transition.to == endStateName {
                    toEnd += transition.probability
                } else if let target = indices[transition.to] {
                    if let existing = row.firstIndex(where: { $0.target == target }) {
                        row[existing].probability += transition.probability
                    } else {
                        row.append(Edge(target: target, probability: transition.probability))
                    }
                }
            }
            let total = row.reduce(toEnd) { $0 + $1.probability }
            guard total > 0, total.isFinite else {
                edges.append([])
                endProbability.append(1)
                continue
            }
            for index in row.indices { row[index].probability /= total }
            edges.append(row)
            endProbability.append(toEnd / total)
        }
        self.states = states
        self.indices = indices
        self.edges = edges
        self.endProbability = endProbability
    }

    /// The indices of the states reachable from `start` (itself included), ascending.
    func reachable(from start: Int) -> [Int] {
        var seen = [Bool](repeating: false, count: states.count)
        var pending = [start]
        seen[start] = true
        while let state = pending.popLast() {
            for edge in edges[state] where !seen[edge.target] {
                seen[edge.target] = true
                pending.append(edge.target)
            }
        }
        return seen.indices.filter { seen[$0] }
    }

    /// Which states can reach `end` (one flag per state).
    func canReachEnd() -> [Bool] {
        var predecessors = [[Int]](repeating: [], count: states.count)
        for (source, row) in edges.enumerated() {
            for edge in row { predecessors[edge.target].append(source) }
        }
        var reaches = endProbability.map { $0 > 0 }
        var pending = reaches.indices.filter { reaches[$0] }
        while let state = pending.popLast() {
            for source in predecessors[state] where !reaches[source] {
                reaches[source] = true
                pending.append(source)
            }
        }
        return reaches
    }
}
