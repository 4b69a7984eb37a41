import Synchronization

/// A barrier for true thundering herds: players wait here until `players` of them have arrived, then all are
/// released together; with a timeout, whoever is waiting is released when it expires.
final class Rendezvous: Sendable {
    private struct State {
        var waiting: [CheckedContinuation<Void, Never>] = []
        var generation = 0
    }

    let players: Int
    let timeout: Double?
    private let state = Mutex(State())

    init(players: Int, timeout: Double?) {
        self.players = max(1, players)
        self.timeout = timeout
    }

    /// Waits until the batch is complete (or the timeout releases it, or the run aborts).
    func arrive() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (batch, timerGeneration) = state.withLock { state -> ([CheckedContinuation<Void, Never>], Int?) in
                state.waiting.append(continuation)
                if state.waiting.count >= players {
                    let batch = state.waiting
                    state.waiting = []
                    state.generation += 1
                    return (batch, nil)
                }
                return ([], state.waiting.count == 1 ? state.generation : nil)
            }
            batch.forEach { $0.resume() }
            if let generation = timerGeneration, let timeout {
                Task { [self] in
                    try? await Task.sleep(for: .seconds(timeout))
                    release(generation: generation)
                }
            }
        }
    }

    /// Releases everyone waiting (used at abort, and by the timeout of batch `generation`).
    func release(generation: Int? = nil) {
        let batch = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            if let generation, generation != state.generation { return [] }
            let batch = state.waiting
            state.waiting = []
            state.generation += 1
            return batch
        }
        batch.forEach { $0.resume() }
    }
}
