import StampedeHTTPAdapter

/// At the end of a run: every ticket never seen final is cancelled on its player's behalf, as a leaving client would.
/// The server answers that it cancelled it, or that it was already taken for a match — then the ticket must be final
/// (matched) within a few seconds. A ticket the server no longer knows, one stuck in allocation, or no answer: that
/// ticket is lost.
struct LostTicketCheck {
    /// The gateway client.
    let client: PlainHTTPClient
    /// The run's tickets.
    let ledger: TicketLedger

    /// How many tickets at most are checked at once.
    static let concurrency = 32

    /// Checks every unresolved ticket; returns how many were lost.
    func run() async -> Int {
        let open = ledger.unresolved()
        guard !open.isEmpty else { return 0 }
        return await boundedFilter(open, concurrency: Self.concurrency) { await check($0.ticket, $0.record) }.count
    }

    /// Whether `ticket` is lost: cancelling it gives neither "cancelled" nor "not cancellable" (already final).
    private func check(_ ticket: String, _ record: TicketLedger.Record) async -> Bool {
        var headers: [(String, String)] = []
        if let token = record.token { headers.append(("authorization", "Bearer \(token)")) }
        let body = JSONBody.bytes(["id": record.player, "ticketId": ticket])
        guard let response = try? await client.send("POST", "/matchmaking/cancel", headers: headers, body: body) else { return true }
        if (200..<300).contains(response.status) {
            ledger.resolved(ticket, matchId: nil)
            return false
        }
        guard response.status == 409 else { return true }
        // Not cancellable: taken for a match. It must reach its final status soon; one stuck in allocation is lost.
        let query = "/matchmaking/status?ticketId=\(ticket)&wait=\(Int(Self.settleWait))"
        guard let status = try? await client.send("GET", query, headers: headers, timeout: Self.settleWait + client.timeout),
            (200..<300).contains(status.status)
        else { return true }
        let reply = GatewayReply(status.body)
        guard let state = reply.text("status"), state != "searching" else { return true }
        ledger.resolved(ticket, matchId: state == "matched" ? reply.text("matchId") : nil)
        return false
    }

    /// Seconds a ticket taken for a match may take to be final before it counts as lost.
    static let settleWait = 5.0
}
