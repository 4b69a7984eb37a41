import StampedePluginAPI
import Synchronization

/// One player's state with the game backend: its id, token, last offers, open ticket and match.
///
/// Only the task running the player's current action touches it (the engine runs one action of a player at a
/// time), so plain properties behind a lock suffice; the lock makes it `Sendable`.
final class MatchmakingSession: PlayerSession {
    /// What the session holds.
    struct State: Sendable {
        /// The session token, after `login`.
        var token: String?
        /// Offer ids from the last `fetch_store`.
        var offers: [String] = []
        /// The ticket waiting for a match, if any.
        var openTicket: String?
        /// When the open ticket was joined (seconds, monotonic).
        var joinedAt: Double = 0
        /// The last match.
        var matchId: String?
        /// The last match's WebSocket URL (where `connect_game` goes).
        var serverURL: String?
    }

    /// The player's id on the server.
    let playerId: String
    private let state = Mutex(State())

    /// A session for the player with this id.
    init(playerId: String) {
        self.playerId = playerId
    }

    /// Reads or changes the state.
    func with<T>(_ body: (inout State) -> T) -> T {
        state.withLock { body(&$0) }
    }
}
