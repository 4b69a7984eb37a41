import StampedeHTTPAdapter

/// At the end of a run: every match the run's players were assigned must have had its game server reaped — the
/// orchestrator reports the match `ended` or `failed`, not still `provisioning` or `running`. Players have left by
/// then, so a game server still running after a short settling time is one the orchestrator leaked.
struct ReapCheck {
    /// The orchestrator's client.
    let client: PlainHTTPClient
    /// The matches to check.
    let matches: Set<String>

    /// How long game servers may take to end after their players left, seconds.
    static let settleTime = 20.0
    /// How many matches at most are asked about at once.
    static let concurrency = 16

    /// How many matches still have a live game server after ``settleTime`` (an unreachable orchestrator counts every
    /// match).
    func run() async -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(Self.settleTime)
        var pending = matches
        while !pending.isEmpty {
            pending = await liveMatches(pending)
            if pending.isEmpty || clock.now >= deadline { break }
            try? await Task.sleep(for: .milliseconds(500))
        }
        return pending.count
    }

    /// The matches of `ids` whose game server is still live (or whose state could not be read).
    private func liveMatches(_ ids: Set<String>) async -> Set<String> {
        Set(await boundedFilter(ids, concurrency: Self.concurrency) { await isLive($0) })
    }

    /// Whether match `id`'s game server is still live: the orchestrator says `provisioning` or `running`, or does not
    /// answer. A match it does not know (404: never allocated there, or long forgotten) has no server to reap.
    private func isLive(_ id: String) async -> Bool {
        guard let response = try? await client.send("GET", "/matches/\(id)", headers: [], body: nil) else { return true }
        if response.status == 404 { return false }
        guard (200..<300).contains(response.status) else { return true }
        let state = GatewayReply(response.body).text("state")
        return state == nil || state == "provisioning" || state == "running"
    }
}
