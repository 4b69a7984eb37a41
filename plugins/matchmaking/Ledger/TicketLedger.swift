import Synchronization

/// Every ticket the run's players joined, and how each ended: the evidence for `duplicate_assignments` and
/// `lost_tickets`.
final class TicketLedger: Sendable {
    /// One ticket.
    struct Record: Sendable {
        /// Its player.
        var player: String
        /// The player's token when it joined (to cancel on its behalf at the end).
        var token: String?
        /// When it was joined (seconds on the ledger's clock).
        var joinedAt: Double
        /// When it was seen final.
        var resolvedAt: Double?
        /// Its match, once matched.
        var matchId: String?
    }

    /// The ledger's state.
    struct State: Sendable {
        var tickets: [String: Record] = [:]
        var ticketsByPlayer: [String: [String]] = [:]
        var duplicates = 0
    }

    private let state = Mutex(State())
    private let start = ContinuousClock.now

    /// Seconds since the ledger was made.
    var now: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Notes a new ticket of `player`, joined at `time` (default: now).
    func joined(_ ticket: String, player: String, token: String?, at time: Double? = nil) {
        let time = time ?? now
        state.withLock { state in
            state.tickets[ticket] = Record(player: player, token: token, joinedAt: time)
            state.ticketsByPlayer[player, default: []].append(ticket)
        }
    }

    /// Notes that `ticket` was seen final — matched to `matchId`, or not (nil). Counts a duplicate assignment when the
    /// ticket was already seen in another match, or when another matched ticket of the same player was open at the
    /// same time (the player would be in two matches at once).
    func resolved(_ ticket: String, matchId: String?) {
        let time = now
        state.withLock { state in
            guard var record = state.tickets[ticket] else { return }
            if let matchId {
                if let earlier = record.matchId, earlier != matchId { state.duplicates += 1 }
                if record.matchId == nil {
                    for other in state.ticketsByPlayer[record.player] ?? [] where other != ticket {
                        guard let otherRecord = state.tickets[other], otherRecord.matchId != nil else { continue }
                        let overlaps = otherRecord.joinedAt < time && (otherRecord.resolvedAt ?? .infinity) > record.joinedAt
                        if overlaps { state.duplicates += 1 }
                    }
                }
                record.matchId = matchId
            }
            if record.resolvedAt == nil { record.resolvedAt = time }
            state.tickets[ticket] = record
        }
    }

    /// Tickets never seen final, with their player and token.
    func unresolved() -> [(ticket: String, record: Record)] {
        state.withLock { state in
            state.tickets.compactMap { $0.value.resolvedAt == nil ? ($0.key, $0.value) : nil }
        }
    }

    /// The matches the run's tickets were assigned to.
    func matchIds() -> Set<String> {
        state.withLock { state in Set(state.tickets.values.compactMap(\.matchId)) }
    }

    /// Duplicate assignments seen so far.
    var duplicates: Int { state.withLock { $0.duplicates } }
}
