import StampedeHTTPAdapter

/// At the end of a run: every ticket never seen final is cancelled on its player's behalf, as a leaving client would.
/// The server answers that it cancelled it, or that it was matched or resolved meanwhile — or it no longer knows the
/// ticket (or fails to answer): that ticket is lost.
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
        return await withTaskGroup(of: Bool.self) { group in
            var lost = 0
            var next = open.makeIterator()
            for _ in 0..<Self.concurrency {
                guard let item = next.next() else { break }
                group.addTask { await check(item.ticket, item.record) }
            }
            while let wasLost = await group.next() {
                if wasLost { lost += 1 }
                if let item = next.next() { group.addTask { await check(item.ticket, item.record) } }
            }
            return lost
        }
    }

    /// Whether `ticket` is lost: cancelling it gives neither "cancelled" nor "not cancellable" (already final).
    private func check(_ ticket: String, _ record: TicketLedger.Record) async -> Bool {
        var headers: [(String, String)] = []
        if let token = record.token { headers.append(("authorization", "Bearer \(token)")) }
        let body = JSONBody.bytes(["id": record.player, "ticketId": ticket])
        guard let response = try? await client.send("POST", "/matchmaking/cancel", headers: headers, body: body) else { return true }
        if (200..<300).contains(response.status) || response.status == 409 {
            ledger.resolved(ticket, matchId: nil)
            return false
        }
        return true
    }
}
