import Synchronization

/// The orchestrator's matches: provisioning → running → ended | failed, with their game servers while they run.
///
/// It is the ``MatchDirectory`` of the proxy: only running matches have a route. Matches that are over stay for
/// queries for ``retention`` (at most ``maxRetained`` of them, the oldest forgotten first).
public final class MatchTable: MatchDirectory, Sendable {
    private struct Entry {
        var snapshot: MatchSnapshot
        var server: (any GameServerHandle)?
        var overSince: ContinuousClock.Instant?
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var over: [String] = []
        var provisioning = 0
        var running = 0
    }

    /// How long a match that is over can still be queried.
    public let retention: Duration
    /// How many matches that are over are kept at most.
    public let maxRetained: Int
    private let state = Mutex(State())

    /// An empty table.
    public init(retention: Duration = .seconds(300), maxRetained: Int = 10_000) {
        self.retention = retention
        self.maxRetained = max(0, maxRetained)
    }

    /// The route of a running match.
    public func route(for matchId: String) -> MatchRoute? {
        state.withLock { state in
            guard let entry = state.entries[matchId], entry.snapshot.state == .running, let server = entry.server else {
                return nil
            }
            return MatchRoute(
                matchId: matchId, players: Set(entry.snapshot.players), upstreamHost: server.host, upstreamPort: server.port
            )
        }
    }

    /// What is known about `matchId`, nil when unknown (or forgotten).
    public func snapshot(_ matchId: String) -> MatchSnapshot? {
        state.withLock { $0.entries[matchId]?.snapshot }
    }

    /// The game server of `matchId` while it has one.
    public func server(for matchId: String) -> (any GameServerHandle)? {
        state.withLock { $0.entries[matchId]?.server }
    }

    /// The game servers of every match still provisioned or running.
    func liveServers() -> [(matchId: String, server: any GameServerHandle)] {
        state.withLock { state in state.entries.compactMap { id, entry in entry.server.map { (id, $0) } } }
    }

    /// Matches being provisioned and running now.
    public var counts: (provisioning: Int, running: Int) {
        state.withLock { ($0.provisioning, $0.running) }
    }

    /// Adds `matchId` as provisioning; false when the id is already known.
    func reserve(_ matchId: String, region: String, players: [String]) -> Bool {
        state.withLock { state in
            forgetExpired(&state)
            guard state.entries[matchId] == nil else { return false }
            state.entries[matchId] = Entry(
                snapshot: MatchSnapshot(matchId: matchId, region: region, players: players, state: .provisioning)
            )
            state.provisioning += 1
            return true
        }
    }

    /// Forgets a match whose allocation failed before it ran.
    func release(_ matchId: String) {
        state.withLock { state in
            guard let entry = state.entries[matchId], entry.snapshot.state == .provisioning else { return }
            state.entries[matchId] = nil
            state.provisioning -= 1
        }
    }

    /// Marks a provisioning match running on `server`.
    func markRunning(_ matchId: String, server: any GameServerHandle) {
        state.withLock { state in
            guard var entry = state.entries[matchId], entry.snapshot.state == .provisioning else { return }
            entry.snapshot.state = .running
            entry.snapshot.instance = server.instance
            entry.server = server
            state.entries[matchId] = entry
            state.provisioning -= 1
            state.running += 1
        }
    }

    /// Marks a match over (`ended` or `failed`) and drops its server.
    func markOver(_ matchId: String, _ outcome: MatchState) {
        state.withLock { state in
            guard var entry = state.entries[matchId], !entry.snapshot.state.isOver else { return }
            switch entry.snapshot.state {
            case .provisioning: state.provisioning -= 1
            case .running: state.running -= 1
            case .ended, .failed: break
            }
            entry.snapshot.state = outcome
            entry.server = nil
            entry.overSince = .now
            state.entries[matchId] = entry
            state.over.append(matchId)
            forgetExpired(&state)
        }
    }

    private func forgetExpired(_ state: inout State) {
        let now = ContinuousClock.now
        var drop = 0
        for id in state.over {
            let tooMany = state.over.count - drop > maxRetained
            guard tooMany || (state.entries[id]?.overSince).map({ now - $0 >= retention }) ?? true else { break }
            state.entries[id] = nil
            drop += 1
        }
        if drop > 0 { state.over.removeFirst(drop) }
    }
}
