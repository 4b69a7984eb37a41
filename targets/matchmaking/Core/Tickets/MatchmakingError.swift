import RedisClient

/// Why a matchmaking request was refused or failed; the gateway maps each case to a status and a JSON error.
public enum MatchmakingError: Error, Sendable, Equatable {
    /// The request is malformed (empty party, party larger than a team, unknown region): 400.
    case invalid(String)
    /// A player of the request already holds an active ticket (at most one each): 409.
    case alreadyQueued(player: String, ticketId: String)
    /// No such ticket (or it expired): 404.
    case unknownTicket(String)
    /// The player does not own the ticket: 403.
    case notOwner(player: String, ticketId: String)
    /// The ticket can no longer be cancelled (already matched, being allocated, or final): 409.
    case notCancellable(ticketId: String, status: TicketStatus)
    /// Redis failed: 503.
    case unavailable(String)
}
