import StampedePlan
import Synchronization

/// The players a closed or population load has online: who joined last (the first to leave), and which are idle,
/// by behaviour, for O(1) random choice of the player who starts an activity.
final class PlayerPool: Sendable {
    private struct State {
        var players: [Int: Player] = [:]
        var joinOrder: [Int] = []
        var idle: [[Int]]
        var idlePosition: [Int: Int] = [:]
    }

    private let state: Mutex<State>

    init(behaviourCount: Int) {
        state = Mutex(State(idle: Array(repeating: [], count: behaviourCount)))
    }

    /// Players online.
    var count: Int { state.withLock { $0.players.count } }

    /// Adds a player who is busy (running its start state).
    func join(_ player: Player) {
        state.withLock { state in
            state.players[player.id] = player
            state.joinOrder.append(player.id)
        }
    }

    /// A player finished a run: it becomes idle, or leaves if it was asked to. Returns true when it left.
    func finished(_ player: Player) -> Bool {
        state.withLock { state in
            if player.leaving.load(ordering: .relaxed) {
                state.players[player.id] = nil
                return true
            }
            state.idlePosition[player.id] = state.idle[player.behaviour].count
            state.idle[player.behaviour].append(player.id)
            return false
        }
    }

    /// Takes a random idle player of `behaviour` (making it busy), or nil when all are busy.
    func takeIdle(behaviour: Int, rng: inout SeededRandom) -> Player? {
        state.withLock { state in
            let count = state.idle[behaviour].count
            guard count > 0 else { return nil }
            let position = Int(rng.next(upperBound: UInt64(count)))
            let id = state.idle[behaviour][position]
            remove(id, behaviour: behaviour, at: position, from: &state)
            return state.players[id]
        }
    }

    /// The most recently joined player leaves: at once if idle (returned, to close its sessions), else after its run.
    func leave() -> Player? {
        state.withLock { state in
            while let id = state.joinOrder.popLast() {
                guard let player = state.players[id] else { continue }
                player.leaving.store(true, ordering: .relaxed)
                if let position = state.idlePosition[id] {
                    remove(id, behaviour: player.behaviour, at: position, from: &state)
                    state.players[id] = nil
                    return player
                }
                return nil
            }
            return nil
        }
    }

    /// Every player still online (to close their sessions at the end).
    func removeAll() -> [Player] {
        state.withLock { state in
            let players = Array(state.players.values)
            state.players = [:]
            state.joinOrder = []
            state.idle = state.idle.map { _ in [] }
            state.idlePosition = [:]
            return players
        }
    }

    private func remove(_ id: Int, behaviour: Int, at position: Int, from state: inout State) {
        let last = state.idle[behaviour].removeLast()
        if last != id {
            state.idle[behaviour][position] = last
            state.idlePosition[last] = position
        }
        state.idlePosition[id] = nil
    }
}
