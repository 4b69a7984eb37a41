import StampedePluginAPI

extension MatchmakingTarget {
    /// Inputs per second sent by `connect_game` by default.
    static let defaultInputRate = 10.0
    /// How long `connect_game` may play by default, in seconds.
    static let defaultGameTimeout = 300.0

    /// `connect_game`: plays the player's last match through its WebSocket URL (the orchestrator's proxy) until the
    /// server ends it, sending inputs at `input_rate` and timing each acknowledgement (`game_rtt`).
    ///
    /// The action succeeds when the match completes; a match the server ends otherwise fails with kind
    /// `match_<reason>` (`match_failed` when its game server died), and `matches_played` counts every end by reason.
    func connectGame(_ request: ActionRequest, session: MatchmakingSession) async -> ActionOutcome {
        let (token, lastURL) = session.with { ($0.token, $0.serverURL) }
        guard let url = request.parameters["url"]?.text ?? lastURL else {
            return .error("no_match", "connect_game: the player has no match (join_queue until matched first, or give url)")
        }
        guard url.hasPrefix("ws://") || url.hasPrefix("wss://") else {
            return .error("invalid_request", "connect_game: the match URL must be ws:// or wss://, got '\(url)'")
        }
        guard let token else {
            return .error("not_logged_in", "connect_game: log in first; the game proxy admits a match's players by their session token")
        }
        let rate = request.parameters["input_rate"]?.number.flatMap { $0 >= 0 && $0.isFinite ? $0 : nil } ?? Self.defaultInputRate
        let timeout = request.parameters["timeout"]?.number.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? Self.defaultGameTimeout
        let report = await GamePlay(url: url, token: token, inputRate: min(rate, 1_000), timeout: .seconds(timeout)).run()

        var outcome: ActionOutcome
        switch report.ending {
        case .ended(let reason, let detail):
            outcome = reason == "completed"
                ? .ok()
                : .error("match_\(reason)", "connect_game: the match ended as \(reason)" + (detail.map { ": \($0)" } ?? ""))
            outcome.metrics.append(MetricSample(name: "matches_played", value: 1, tags: ["end_reason": reason]))
        case .failed(let kind, let message):
            outcome = .error(kind, "connect_game: \(message)")
        }
        outcome.bytesIn += report.bytesIn
        outcome.bytesOut += report.bytesOut
        outcome.metrics.reserveCapacity(report.roundTrips.count + 2)
        for roundTrip in report.roundTrips {
            outcome.metrics.append(MetricSample(name: "game_rtt", value: roundTrip))
        }
        if report.states > 0 { outcome.metrics.append(MetricSample(name: "game_states_received", value: Double(report.states))) }
        return outcome
    }
}
