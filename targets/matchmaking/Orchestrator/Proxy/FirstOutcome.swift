import Synchronization

/// How a proxy session ended, decided once: the first of the relay's end, a failure and the connect timeout wins.
final class FirstOutcome: Sendable {
    private struct State {
        var outcome: UpstreamOutcome?
        var waiter: CheckedContinuation<UpstreamOutcome, Never>?
    }

    private let state = Mutex(State())

    /// Decides `outcome` unless one was decided already.
    func settle(_ outcome: UpstreamOutcome) {
        let waiter: CheckedContinuation<UpstreamOutcome, Never>? = state.withLock { state in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: outcome)
    }

    /// The decided outcome, once there is one (one waiter at a time).
    var value: UpstreamOutcome {
        get async {
            await withCheckedContinuation { continuation in
                let decided: UpstreamOutcome? = state.withLock { state in
                    if let outcome = state.outcome { return outcome }
                    state.waiter = continuation
                    return nil
                }
                if let decided { continuation.resume(returning: decided) }
            }
        }
    }
}
