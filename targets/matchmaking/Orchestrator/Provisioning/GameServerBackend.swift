import GameServer
/// Starts game servers: one per match. The orchestrator talks to every backend through this protocol only.
///
/// The contract a backend must keep (``ProcessBackend`` keeps it for local child processes; a container or
/// Kubernetes backend would keep it for pods):
/// - ``provision(_:)`` returns only once the server is **ready**: it listens and its `GET /health` answers. On any
///   failure (cannot start, not ready before the backend's deadline) it throws ``ProvisioningError`` and leaves
///   nothing running: whatever it started is stopped and reclaimed before it throws.
/// - The returned handle's ``GameServerHandle/waitForExit()`` returns once the server is gone **and reclaimed**
///   (a reaped process, a deleted pod), with the match's result if the server reported one.
/// - ``GameServerHandle/terminate(grace:)`` asks the server to stop (SIGTERM: the match ends as `terminated`, its
///   result is still reported) and forces it after `grace` (SIGKILL: no result, the exit is a failure).
/// - Players reach the server at ``GameServerHandle/host``:``GameServerHandle/port`` (WebSocket
///   `/game/{matchId}/connect`), through the orchestrator's proxy.
public protocol GameServerBackend: Sendable {
    /// Starts a server for `spec` and waits until it is ready.
    /// - Throws: ``ProvisioningError`` when it cannot be started or does not become ready in time.
    func provision(_ spec: GameServerSpec) async throws -> any GameServerHandle
}

/// One running game server, as its backend sees it.
public protocol GameServerHandle: Sendable {
    /// The address the server listens on, as reachable from the orchestrator.
    var host: String { get }
    /// The port the server listens on.
    var port: Int { get }
    /// A short description for logs (`pid 1234`, a pod name).
    var instance: String { get }
    /// Waits until the server has exited and been reclaimed, and says how it ended. Any number of callers.
    func waitForExit() async -> GameServerExit
    /// Asks the server to stop, forces it after `grace`; returns at once (wait with ``waitForExit()``).
    func terminate(grace: Duration)
}

/// What a game server is asked to host.
public struct GameServerSpec: Sendable, Equatable {
    /// The match: players connect to `/game/{matchId}/connect`.
    public var matchId: String
    /// The players allowed in.
    public var players: [String]
    /// State broadcasts per second.
    public var tickRate: Int
    /// How long the match lasts, counted from the start (every expected player joined, or the join timeout passed with at least one).
    public var matchDuration: Duration
    /// How long the server waits for every expected player before starting with those present (abandoning the match if none came).
    public var joinTimeout: Duration

    /// A spec.
    public init(matchId: String, players: [String], tickRate: Int, matchDuration: Duration, joinTimeout: Duration) {
        self.matchId = matchId
        self.players = players
        self.tickRate = tickRate
        self.matchDuration = matchDuration
        self.joinTimeout = joinTimeout
    }
}

/// How a game server ended.
public enum GameServerExit: Sendable, Equatable {
    /// It ended its match and reported the result (completed, abandoned or terminated), then exited cleanly.
    case finished(MatchResult)
    /// It died without a result: killed by a signal, a non-zero exit, or an exit without a `result` line.
    case failed(reason: String)
}

/// A failure to provision a game server.
public struct ProvisioningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// An error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
