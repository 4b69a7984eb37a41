/// What the gateway asks of matchmaking. The Redis implementation lives beside it; the matchmaker's workers form
/// the matches.
public protocol TicketService: Sendable {
    /// Queues a player or party: a new `searching` ticket.
    /// - Throws: ``MatchmakingError`` (`invalid`, `alreadyQueued`, `unavailable`).
    func join(_ request: JoinRequest) async throws(MatchmakingError) -> Ticket

    /// The ticket `id` as it stands.
    /// - Throws: ``MatchmakingError`` (`unknownTicket`, `unavailable`).
    func ticket(_ id: String) async throws(MatchmakingError) -> Ticket

    /// Cancels ticket `id` on behalf of `player` (its owner), atomically against the workers: either the ticket is
    /// cancelled and will never be matched, or it was already taken for a match and stays so.
    /// - Throws: ``MatchmakingError`` (`unknownTicket`, `notOwner`, `notCancellable`, `unavailable`).
    func cancel(_ id: String, by player: String) async throws(MatchmakingError) -> Ticket

    /// The ticket `id` once it is final (matched, cancelled, timed out), or as it stands after `timeout` seconds —
    /// the push channel behind long-polling `status` and the gateway's WebSocket, without polling Redis per waiter.
    /// - Throws: ``MatchmakingError`` (`unknownTicket`, `unavailable`).
    func awaitResolution(of id: String, timeout: Double) async throws(MatchmakingError) -> Ticket

    /// Queues a player or party and returns the ticket once it is final, or as it stands after `timeout` seconds:
    /// ``join(_:)`` and ``awaitResolution(of:timeout:)`` in one call, which an implementation may make cheaper.
    /// - Throws: ``MatchmakingError`` as ``join(_:)``.
    func joinAndAwait(_ request: JoinRequest, timeout: Double) async throws(MatchmakingError) -> Ticket
}

extension TicketService {
    /// ``join(_:)`` then ``awaitResolution(of:timeout:)``.
    public func joinAndAwait(_ request: JoinRequest, timeout: Double) async throws(MatchmakingError) -> Ticket {
        let ticket = try await join(request)
        return try await awaitResolution(of: ticket.id, timeout: timeout)
    }
}
