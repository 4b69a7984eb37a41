import StampedePluginAPI

extension MatchmakingTarget {
    /// The longest long-poll asked of the gateway, in seconds.
    static let longPoll = 25.0
    /// The default wait for a match, in seconds (the original client gave up after 60 s).
    static let matchTimeout = 60.0

    /// `join_queue`: `POST /matchmaking/join`, then (unless `wait: false`) waits for the match like `await_match`.
    func joinQueue(_ request: ActionRequest, _ exchange: inout GatewayExchange) async -> ActionOutcome {
        let session = exchange.session
        if let open = session.with({ $0.openTicket }) {
            return .error("already_queued", "join_queue: the player still has ticket \(open) open (await_match or cancel it first)")
        }
        var body: [String: any Sendable] = ["id": session.playerId]
        if let mmr = request.parameters["mmr"]?.number { body["mmr"] = Int(mmr) }
        if let region = request.parameters["region"]?.text { body["region"] = region }
        let wait = request.parameters["wait"]?.bool ?? true
        let timeout = Self.timeout(of: request)
        let start = ledger.now
        // Waiting, the join itself long-polls (`?wait=`): joining and the first wait are one request.
        let path = wait ? "/matchmaking/join?wait=\(Int(min(timeout, Self.longPoll).rounded(.up)))" : "/matchmaking/join"
        let ticket: String
        let first: GatewayReply
        do {
            let (status, reply, raw) = try await exchange.send(
                "POST", path, json: body, timeout: wait ? min(timeout, Self.longPoll) + settings.timeout : nil)
            guard (200..<300).contains(status) else {
                return exchange.failure(status, raw, doing: "join_queue", kind: status == 409 ? "already_queued" : nil)
            }
            guard let id = reply.text("ticketId") else {
                return .error("http", "join_queue: the gateway answered \(status) without a ticketId: \(GatewayReply.errorMessage(raw))")
            }
            ticket = id
            first = reply
        } catch {
            return error.outcome
        }
        session.with {
            $0.openTicket = ticket
            $0.joinedAt = start
            $0.serverURL = nil  // the last match is over: connect_game waits for this ticket's match
        }
        ledger.joined(ticket, player: session.playerId, token: session.with { $0.token }, at: start)
        exchange.metrics.append(MetricSample(name: "tickets_joined", value: 1))
        guard wait else {
            return ActionOutcome(status: .ok, captured: ["ticket_id": ticket])
        }
        var outcome: ActionOutcome
        if let final = settle(ticket, first, &exchange) {
            outcome = final
        } else {
            outcome = await waitForMatch(ticket, timeout: timeout - (ledger.now - start), totalTimeout: timeout, &exchange)
        }
        outcome.captured["ticket_id"] = ticket
        return outcome
    }

    /// `await_match`: waits for the open ticket's match.
    func awaitMatch(_ request: ActionRequest, _ exchange: inout GatewayExchange) async -> ActionOutcome {
        guard let ticket = exchange.session.with({ $0.openTicket }) else {
            return .error("no_ticket", "await_match: the player has no open ticket (join_queue with wait: false first)")
        }
        return await waitForMatch(ticket, timeout: Self.timeout(of: request), &exchange)
    }

    /// `cancel`: `POST /matchmaking/cancel {"ticketId"}` for the open ticket. A ticket already matched is not an
    /// error of the player: the action fails with kind `not_cancellable` and the ticket's match is kept.
    func cancel(_ exchange: inout GatewayExchange) async -> ActionOutcome {
        let session = exchange.session
        guard let ticket = session.with({ $0.openTicket }) else {
            return .error("no_ticket", "cancel: the player has no open ticket")
        }
        do {
            let (status, _, body) = try await exchange.send(
                "POST", "/matchmaking/cancel", json: ["id": session.playerId, "ticketId": ticket])
            if (200..<300).contains(status) {
                resolve(ticket, status: "cancelled", matchId: nil, &exchange)
                return .ok()
            }
            if status == 409 {
                // Taken for a match first: find out how it ended.
                let outcome = await waitForMatch(ticket, timeout: 10, &exchange)
                return outcome.isOK ? .error("not_cancellable", "cancel: ticket \(ticket) was already matched") : outcome
            }
            return exchange.failure(status, body, doing: "cancel")
        } catch {
            return error.outcome
        }
    }

    /// Long-polls the ticket's status until it is final or `timeout` seconds passed; then gives up and cancels it.
    /// `totalTimeout` is the whole wait the player allowed (for messages), when part of it was spent already.
    func waitForMatch(
        _ ticket: String, timeout: Double, totalTimeout: Double? = nil, _ exchange: inout GatewayExchange
    ) async -> ActionOutcome {
        let deadline = ledger.now + timeout
        while true {
            let remaining = deadline - ledger.now
            if remaining <= 0 { return await giveUp(ticket, after: totalTimeout ?? timeout, &exchange) }
            let wait = min(remaining, Self.longPoll)
            let query = "/matchmaking/status?ticketId=\(ticket)&wait=\(Int(wait.rounded(.up)))"
            do {
                let (status, reply, body) = try await exchange.send("GET", query, timeout: wait + settings.timeout)
                guard (200..<300).contains(status) else {
                    if status == 404 { resolve(ticket, status: "lost", matchId: nil, &exchange) }
                    return exchange.failure(status, body, doing: "waiting for ticket \(ticket)", kind: status == 404 ? "unknown_ticket" : nil)
                }
                if let final = settle(ticket, reply, &exchange) { return final }
                guard reply.text("status") == "searching" else {
                    return .error("http", "waiting for ticket \(ticket): unexpected status in \(GatewayReply.errorMessage(body))")
                }
            } catch {
                return error.outcome
            }
        }
    }

    /// The outcome of a ticket whose status document says it is final (matched, cancelled, timed out), recording
    /// it; nil while it is still searching (or the document says nothing).
    func settle(_ ticket: String, _ reply: GatewayReply, _ exchange: inout GatewayExchange) -> ActionOutcome? {
        switch reply.text("status") {
        case "matched":
            let match = reply.text("matchId")
            resolve(ticket, status: "matched", matchId: match ?? "", &exchange)
            var captured: [String: String] = [:]
            captured["match_id"] = match
            captured["server_url"] = reply.text("server", "url")
            exchange.session.with { $0.serverURL = captured["server_url"] }
            return ActionOutcome(status: .ok, captured: captured)
        case "cancelled":
            resolve(ticket, status: "cancelled", matchId: nil, &exchange)
            return .error("cancelled", "ticket \(ticket) was cancelled: \(reply.text("reason") ?? "no reason given")")
        case "timed_out":
            resolve(ticket, status: "timed_out", matchId: nil, &exchange)
            return .error("timed_out", "ticket \(ticket) timed out on the server: \(reply.text("reason") ?? "no reason given")")
        default:
            return nil
        }
    }

    /// The client gives up waiting: cancels the ticket (or, when it was matched meanwhile, takes the match).
    private func giveUp(_ ticket: String, after timeout: Double, _ exchange: inout GatewayExchange) async -> ActionOutcome {
        let session = exchange.session
        do {
            let (status, _, _) = try await exchange.send("POST", "/matchmaking/cancel", json: ["id": session.playerId, "ticketId": ticket])
            if (200..<300).contains(status) {
                resolve(ticket, status: "cancelled", matchId: nil, &exchange)
                return .error("match_timeout", "no match for ticket \(ticket) within \(Int(timeout.rounded()))s; the ticket was cancelled")
            }
        } catch {
            return error.outcome
        }
        // Matched (or resolved) just before the cancel: one more look.
        return await waitForMatch(ticket, timeout: 5, &exchange)
    }

    /// Records that `ticket` ended with `status` (matched, cancelled, timed_out, lost).
    func resolve(_ ticket: String, status: String, matchId: String?, _ exchange: inout GatewayExchange) {
        let session = exchange.session
        let joinedAt = session.with { state -> Double in
            if state.openTicket == ticket { state.openTicket = nil }
            if let matchId { state.matchId = matchId }
            return state.joinedAt
        }
        ledger.resolved(ticket, matchId: matchId)
        exchange.metrics.append(MetricSample(name: "tickets_resolved", value: 1, tags: ["ticket_status": status]))
        if matchId != nil { exchange.metrics.append(MetricSample(name: "time_to_match", value: max(0, ledger.now - joinedAt))) }
    }

    /// The `timeout` parameter of a waiting action, in seconds.
    static func timeout(of request: ActionRequest) -> Double {
        request.parameters["timeout"]?.number.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? matchTimeout
    }
}
