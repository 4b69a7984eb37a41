import RedisClient

/// Decoding of a ticket hash read with the scripts' field list (`HMGET id players mmr region status createdAt
/// resolvedAt matchId url gameId reason`).
enum TicketRecord {
    /// The separator of player names inside the hash (U+001F, refused in names).
    static let playerSeparator: Character = "\u{1F}"

    /// The fields, in the order scripts and ``TicketRecord/decode(_:)`` use.
    static let fields = ["id", "players", "mmr", "region", "status", "createdAt", "resolvedAt", "matchId", "url", "gameId", "reason"]

    /// The ticket from an `HMGET` reply, or nil when the hash does not exist.
    static func decode(_ value: RedisValue) -> Ticket? {
        guard let values = value.array, values.count == fields.count, let id = values[0].string else { return nil }
        let status: TicketStatus = switch values[4].string {
        case "matched": .matched
        case "cancelled": .cancelled
        case "timed_out": .timedOut
        default: .searching
        }
        var server: ServerAssignment?
        if let url = values[8].string, let gameId = values[9].string { server = ServerAssignment(url: url, gameId: gameId) }
        return Ticket(
            id: id,
            players: splitPlayers(values[1].string ?? ""),
            mmr: values[2].int ?? 0,
            region: values[3].string ?? "",
            status: status,
            createdAt: values[5].string.flatMap(Double.init) ?? 0,
            resolvedAt: values[6].string.flatMap(Double.init),
            matchId: status == .matched ? values[7].string : nil,
            server: server,
            reason: values[10].string
        )
    }

    /// Players as stored, joined by the separator.
    static func joinPlayers(_ players: [String]) -> String {
        players.joined(separator: String(playerSeparator))
    }

    /// Players from their stored form.
    static func splitPlayers(_ text: String) -> [String] {
        text.split(separator: playerSeparator).map(String.init)
    }
}
