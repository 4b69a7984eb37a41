import RedisClient

/// A ticket becoming final, from the ticket event stream: its status and what a client needs of it — so that a
/// waiter who knows the rest of its ticket (the gateway after a join) need not read it back from Redis.
///
/// Stream fields: `t` ticket ids (joined by U+001F: a whole match is one entry), `s` status, `at` when (Unix
/// seconds), and `r` reason, or `m` match id, `u` server URL and `g` game id.
public struct TicketEvent: Sendable, Equatable {
    /// The ticket.
    public var ticket: String
    /// Its new status.
    public var status: TicketStatus
    /// When it changed, Unix seconds.
    public var at: Double?
    /// Why it was cancelled or timed out.
    public var reason: String?
    /// Its match, once matched.
    public var matchId: String?
    /// Its server, once matched.
    public var server: ServerAssignment?

    /// The events of one stream entry's fields (name, value, name, value, …): one per ticket it names; none
    /// without tickets or a known status.
    static func events(fields: [RedisValue]) -> [TicketEvent] {
        var tickets: String?
        var status: TicketStatus?
        var at: Double?
        var reason, matchId, url, gameId: String?
        var index = 0
        while index + 1 < fields.count {
            if let name = fields[index].string, let value = fields[index + 1].string {
                switch name {
                case "t": tickets = value
                case "s": status = TicketStatus(rawValue: value)
                case "at": at = Double(value)
                case "r": reason = value.isEmpty ? nil : value
                case "m": matchId = value.isEmpty ? nil : value
                case "u": url = value.isEmpty ? nil : value
                case "g": gameId = value
                default: break
                }
            }
            index += 2
        }
        guard let tickets, let status else { return [] }
        let server = url.map { ServerAssignment(url: $0, gameId: gameId ?? "") }
        return tickets.split(separator: TicketRecord.playerSeparator).map { ticket in
            TicketEvent(ticket: String(ticket), status: status, at: at, reason: reason, matchId: matchId, server: server)
        }
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
