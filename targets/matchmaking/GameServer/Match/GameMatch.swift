import Synchronization

/// The simulation of one match: who is connected, where everyone is, and when the match starts and ends.
///
/// Like a game's loading screen, the match starts when every expected player has joined, or when the join timeout
/// passes with at least one of them (the others may still join late); its duration counts from the start, so a
/// player slower to connect than the others does not find the match over. Nobody joining within the join timeout,
/// or everyone leaving, abandons it.
///
/// Connections talk to it synchronously (one lock per message); each connected player has an outgoing queue of
/// JSON texts, drained by its connection, so the tick loop never waits for a slow client.
final class GameMatch: Sendable {
    private struct State {
        var positions: [String: Position] = [:]
        var outlets: [String: AsyncStream<String>.Continuation] = [:]
        var joined: [String] = []
        var start: ContinuousClock.Instant?
        var ticks = 0
        var end: MatchEndReason?
        var terminationRequested = false
        /// The tick loop waiting for the match to start, and a wake-up that came while it was not waiting.
        var sleeper: CheckedContinuation<Void, Never>?
        var wakePending = false
    }

    private let settings: GameServerSettings
    private let metrics: GameMetrics
    private let expected: Set<String>
    private let started = ContinuousClock.now
    private let state = Mutex(State())

    init(settings: GameServerSettings, metrics: GameMetrics) {
        self.settings = settings
        self.metrics = metrics
        expected = Set(settings.expectedPlayers)
    }

    /// Players connected now.
    var connectedCount: Int { state.withLock { $0.outlets.count } }

    /// Admits `player`, returning the queue of messages to send it.
    func join(_ player: String) -> Result<AsyncStream<String>, JoinRejection> {
        guard expected.contains(player) else { return .failure(.unexpectedPlayer(player)) }
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let connected: Int? = state.withLock { state in
            guard state.end == nil else { return nil }
            guard state.outlets[player] == nil else { return -1 }
            state.outlets[player] = continuation
            if state.positions[player] == nil {
                state.positions[player] = Position(x: 0, y: 0)
                state.joined.append(player)
            }
            if state.start == nil, state.joined.count == expected.count { state.start = .now }
            metrics.playersConnected.record(state.outlets.count)
            return state.outlets.count
        }
        if connected.map({ $0 > 0 }) == true { wake() }
        switch connected {
        case nil: return .failure(.matchEnded)
        case -1: return .failure(.alreadyConnected(player))
        default:
            return .success(stream)
        }
    }

    /// Handles a text message from joined `player`: an input moves it and is acknowledged at once.
    func receive(_ text: String, from player: String) {
        metrics.messagesIn.increment()
        guard let message = ClientMessage.decode(text), message.type == "input" else { return }
        let acknowledged: Bool = state.withLock { state in
            guard state.end == nil, let outlet = state.outlets[player] else { return false }
            state.positions[player]?.move(dx: message.dx ?? 0, dy: message.dy ?? 0)
            guard let seq = message.seq else { return false }
            outlet.yield(ServerMessage.ack(seq: seq))
            return true
        }
        if acknowledged { metrics.messagesOut.increment() }
    }

    /// Forgets `player`'s connection (it left, or its connection ended).
    func leave(_ player: String) {
        let outlet = state.withLock { state in
            let outlet = state.outlets.removeValue(forKey: player)
            if outlet != nil { metrics.playersConnected.record(state.outlets.count) }
            return outlet
        }
        outlet?.finish()
        wake()
    }

    /// Asks the tick loop to end the match as `terminated`.
    func requestTermination() {
        state.withLock { $0.terminationRequested = true }
        wake()
    }

    /// Runs the tick loop until the match should end, and returns why.
    ///
    /// Until the match starts there is nothing to broadcast: the loop sleeps until a player joins or leaves, or the
    /// join timeout passes, so a server waiting for its players costs no CPU (a machine holds hundreds of them).
    func play() async -> MatchEndReason {
        let clock = ContinuousClock()
        while true {
            if let reason = tick(now: clock.now) { return reason }
            if state.withLock({ $0.start != nil }) { break }
            await waitForWake(until: started + settings.joinTimeout)
            if Task.isCancelled { return .terminated }
        }
        let interval = settings.tickInterval
        var next = clock.now
        while true {
            if let reason = tick(now: clock.now) { return reason }
            next += interval
            if next < clock.now - interval { next = clock.now }
            do {
                try await clock.sleep(until: next, tolerance: nil)
            } catch {
                return .terminated
            }
        }
    }

    /// Wakes the tick loop if it waits for the match to start (or makes its next wait return at once).
    private func wake() {
        let sleeper: CheckedContinuation<Void, Never>? = state.withLock { state in
            if let sleeper = state.sleeper {
                state.sleeper = nil
                return sleeper
            }
            state.wakePending = true
            return nil
        }
        sleeper?.resume()
    }

    /// Sleeps until ``wake()`` is called, `deadline` passes, or the task is cancelled.
    private func waitForWake(until deadline: ContinuousClock.Instant) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    self.wake()
                } catch {
                    // Cancelled: woken otherwise.
                }
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let now: Bool = state.withLock { state in
                        if state.wakePending {
                            state.wakePending = false
                            return true
                        }
                        state.sleeper = continuation
                        return false
                    }
                    if now { continuation.resume() }
                }
            } onCancel: {
                wake()
            }
            group.cancelAll()
        }
    }

    /// One tick: the reason to end if it is time, else a state broadcast.
    private func tick(now: ContinuousClock.Instant) -> MatchEndReason? {
        let outcome: (reason: MatchEndReason?, sent: Int) = state.withLock { state in
            if state.terminationRequested { return (.terminated, 0) }
            guard !state.joined.isEmpty else {  // nobody came yet
                return (now - started >= settings.joinTimeout ? .abandoned : nil, 0)
            }
            if state.outlets.isEmpty { return (.abandoned, 0) }
            if state.start == nil, now - started >= settings.joinTimeout { state.start = now }
            guard let start = state.start else { return (nil, 0) }  // still waiting for players
            if now - start >= settings.matchDuration { return (.completed, 0) }
            state.ticks += 1
            let message = ServerMessage.state(tick: state.ticks, players: state.positions)
            for outlet in state.outlets.values { outlet.yield(message) }
            return (nil, state.outlets.count)
        }
        if outcome.reason == nil, outcome.sent > 0 {
            metrics.ticks.increment()
            metrics.messagesOut.increment(by: outcome.sent)
        }
        return outcome.reason
    }

    /// Ends the match: sends `end` to every connected player, closes their queues, and returns the result.
    func finish(_ reason: MatchEndReason) -> MatchResult {
        let (result, outlets) = state.withLock { state in
            if state.end == nil { state.end = reason }
            let duration = ContinuousClock.now - (state.start ?? started)
            let result = MatchResult(
                matchId: settings.matchId, reason: state.end ?? reason, players: state.joined, ticks: state.ticks,
                durationSeconds: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            )
            return (result, Array(state.outlets.values))
        }
        let end = ServerMessage.end(result.reason)
        for outlet in outlets {
            outlet.yield(end)
            outlet.finish()
        }
        metrics.messagesOut.increment(by: outlets.count)
        return result
    }

    /// Waits (up to `limit`) until every player's connection has ended.
    func waitForDisconnects(upTo limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while connectedCount > 0, ContinuousClock.now < deadline {
            do { try await Task.sleep(for: .milliseconds(10)) } catch { return }
        }
    }
}
