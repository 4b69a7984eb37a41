import Hummingbird
import MatchmakingCore
import MatchmakingJSONAPI

extension Gateway {
    /// `POST /matchmaking/join[?wait=SECONDS]`, `GET /matchmaking/status`, `POST /matchmaking/cancel`. With `wait`,
    /// join answers the ticket's status document once it is final or after `wait` seconds (one request instead of a
    /// join and a long-polled status).
    func addMatchmakingRoutes(to router: Router<BasicRequestContext>) {
        router.post("/matchmaking/join") { request, _ -> Response in
            let body = try await json.decode(JoinBody.self, from: request)
            let player = try await authenticator.player(of: request, claims: body.id)
            var players = [player]
            for member in body.party ?? [] where !players.contains(member) {
                try Self.validate(playerId: member, field: "party")
                players.append(member)
            }
            let joinRequest = JoinRequest(players: players, mmr: body.mmr ?? 1500, region: body.region ?? "default")
            if let wait = try longPoll(request) {
                // `?wait=SECONDS`: join and wait for the match in one request (the status document, as a long-polled status).
                let resolved = try await matchmaking { try await tickets.joinAndAwait(joinRequest, timeout: wait) }
                return TicketStatusResponse(resolved).response()
            }
            let ticket = try await matchmaking { try await tickets.join(joinRequest) }
            return try json.response(JoinResponse(ticketId: ticket.id, status: ticket.status))
        }
        router.get("/matchmaking/status") { request, _ -> Response in
            let player = try await authenticator.optionalPlayer(of: request)
            guard let ticketId = request.uri.queryParameters["ticketId"].map(String.init), !ticketId.isEmpty else {
                throw GatewayError(.badRequest, "missing query parameter 'ticketId'", hint: "GET /matchmaking/status?ticketId=X")
            }
            let ticket: Ticket
            if let timeout = try longPoll(request) {
                ticket = try await matchmaking { try await tickets.awaitResolution(of: ticketId, timeout: timeout) }
            } else {
                ticket = try await matchmaking { try await tickets.ticket(ticketId) }
            }
            if let player, !ticket.players.contains(player) {
                throw GatewayError(.forbidden, "ticket \(ticketId) is not yours", ticketId: ticketId)
            }
            return TicketStatusResponse(ticket).response()
        }
        router.post("/matchmaking/cancel") { request, _ -> Response in
            let body = try await json.decode(CancelBody.self, from: request)
            let player = try await authenticator.player(of: request, claims: body.id)
            let ticket = try await matchmaking { try await tickets.cancel(body.ticketId, by: player) }
            return TicketStatusResponse(ticket).response()
        }
    }

    /// The `wait` query parameter of a long-poll, capped at ``GatewaySettings/longPollMax``; nil without one.
    /// - Throws: ``GatewayError`` 400 when it is not a number of seconds.
    private func longPoll(_ request: Request) throws -> Double? {
        guard let waitText = request.uri.queryParameters["wait"] else { return nil }
        guard let wait = Double(waitText), wait >= 0, wait.isFinite else {
            throw GatewayError(.badRequest, "query parameter 'wait' must be a number of seconds", hint: "0 to \(settings.longPollMax)")
        }
        return min(wait, settings.longPollMax)
    }

    /// Runs a ticket service call, answering its ``MatchmakingError`` as a ``GatewayError``.
    private func matchmaking(_ call: () async throws -> Ticket) async throws -> Ticket {
        do {
            return try await call()
        } catch let error as MatchmakingError {
            throw GatewayError(error)
        }
    }
}

/// The body of `POST /matchmaking/join`.
struct JoinBody: Decodable {
    let id: String?
    let mmr: Int?
    let region: String?
    let party: [String]?
}

/// The answer to `POST /matchmaking/join`.
struct JoinResponse: Encodable {
    let ticketId: String
    let status: TicketStatus
}

/// The body of `POST /matchmaking/cancel`.
struct CancelBody: Decodable {
    let ticketId: String
    let id: String?
}

/// The answer to `GET /matchmaking/status` and `POST /matchmaking/cancel`: `matchId` and `server` are null until
/// matched, `reason` until cancelled or timed out. Written field by field (``JSONObjectWriter``): it answers every
/// ticket.
struct TicketStatusResponse {
    let ticket: Ticket

    init(_ ticket: Ticket) {
        self.ticket = ticket
    }

    /// `{"ticketId","status","matchId","server":{"url","gameId"},"reason"}`.
    var json: JSONObjectWriter {
        var object = JSONObjectWriter()
        object.field("ticketId", ticket.id)
        object.field("status", ticket.status.rawValue)
        object.field("matchId", ticket.matchId)
        object.field("server", object: ticket.server.map { server in
            var nested = JSONObjectWriter()
            nested.field("url", server.url)
            nested.field("gameId", server.gameId)
            return nested
        })
        object.field("reason", ticket.reason)
        return object
    }

    /// The document as a 200 response.
    func response() -> Response {
        json.response()
    }
}
