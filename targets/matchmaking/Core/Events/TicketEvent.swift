import RedisClient

/// One entry of the ticket event stream: a ticket's new status and, for final ones, what a client needs of it — so
/// that a waiter who knows the rest of its ticket (the gateway after a join) need not read it back from Redis.
///
/// Stream fields: `t` ticket id, `s` status; `at` when (Unix seconds), `r` reason, `m` match id, `u` server URL and
/// `g` game id when they apply.
public struct TicketEvent: Sendable, Equatable {
    /// The ticket.
    public var ticket: String
    /// Its new status (`allocating` shows as `searching`).
    public var status: TicketStatus
    /// When it changed, Unix seconds.
    public var at: Double?
    /// Why it was cancelled or timed out.
    public var reason: String?
    /// Its match, once matched.
    public var matchId: String?
    /// Its server, once matched.
    public var server: ServerAssignment?

    /// The event of a stream entry's fields (name, value, name, value, …); nil without a ticket or status.
    init?(fields: [RedisValue]) {
        var values: [String: String] = [:]
        var index = 0
        while index + 1 < fields.count {
            if let name = fields[index].string, let value = fields[index + 1].string { values[name] = value }
            index += 2
        }
        guard let ticket = values["t"], let statusText = values["s"] else { return nil }
        self.ticket = ticket
        status = TicketStatus(rawValue: statusText) ?? .searching
        at = values["at"].flatMap(Double.init)
        reason = values["r"].flatMap { $0.isEmpty ? nil : $0 }
        matchId = values["m"].flatMap { $0.isEmpty ? nil : $0 }
        if let url = values["u"], let game = values["g"], !url.isEmpty { server = ServerAssignment(url: url, gameId: game) }
    }

    /// `ticket` as this event leaves it.
    func applied(to ticket: Ticket) -> Ticket {
        var ticket = ticket
        ticket.status = status
        ticket.resolvedAt = at ?? ticket.resolvedAt
        ticket.reason = reason ?? ticket.reason
        ticket.matchId = matchId ?? ticket.matchId
        ticket.server = server ?? ticket.server
        return ticket
    }
}
