import StampedePluginAPI

extension MatchmakingTarget {
    /// `login`: `POST /login {"id","password"}`; keeps the token (the original gateway answered without one: then the
    /// player goes on unauthenticated).
    func login(_ request: ActionRequest, _ exchange: inout GatewayExchange) async -> ActionOutcome {
        let password = request.parameters["password"]?.text ?? "secret"
        do {
            let (status, reply, body) = try await exchange.send("POST", "/login", json: ["id": exchange.session.playerId, "password": password])
            guard (200..<300).contains(status) else { return exchange.failure(status, body, doing: "login") }
            let token = reply.text("token")
            exchange.session.with { $0.token = token }
            return ActionOutcome(status: .ok, captured: token.map { ["token": $0] } ?? [:])
        } catch {
            return error.outcome
        }
    }

    /// `logout`: `POST /logout` (revoking the token) and forgets the session's token. A gateway without logout
    /// (404) is not an error: the original had none.
    func logout(_ exchange: inout GatewayExchange) async -> ActionOutcome {
        guard exchange.session.with({ $0.token }) != nil else { return .ok() }
        do {
            let (status, _, body) = try await exchange.send("POST", "/logout", json: ["id": exchange.session.playerId])
            exchange.session.with { $0.token = nil }
            guard (200..<300).contains(status) || status == 404 else { return exchange.failure(status, body, doing: "logout") }
            return .ok()
        } catch {
            return error.outcome
        }
    }

    /// `fetch_store`: `GET /store/offers`; keeps the offer ids for `purchase`.
    func fetchStore(_ exchange: inout GatewayExchange) async -> ActionOutcome {
        do {
            let (status, reply, body) = try await exchange.send("GET", "/store/offers")
            guard (200..<300).contains(status) else { return exchange.failure(status, body, doing: "fetch_store") }
            let offers = reply.offerIds
            exchange.session.with { $0.offers = offers }
            return ActionOutcome(status: .ok, captured: offers.first.map { ["offer_id": $0] } ?? [:])
        } catch {
            return error.outcome
        }
    }

    /// `purchase`: `POST /store/purchase {"id","offer_id","idempotency_key"}` — the offer given, or a random one of the
    /// last fetched (fetching them first if needed). A refused purchase (insufficient funds: 402/409) fails with kind
    /// `purchase_refused`.
    func purchase(_ request: ActionRequest, _ exchange: inout GatewayExchange) async -> ActionOutcome {
        var offer = request.parameters["offer_id"]?.text
        if offer == nil {
            var offers = exchange.session.with { $0.offers }
            if offers.isEmpty {
                let fetched = await fetchStore(&exchange)
                guard fetched.isOK else { return fetched }
                offers = exchange.session.with { $0.offers }
            }
            guard !offers.isEmpty else { return .error("no_offers", "purchase: the store lists no offers") }
            offer = offers[Int(request.random % UInt64(offers.count))]
        }
        let key = String(request.random, radix: 16)
        do {
            let (status, reply, body) = try await exchange.send(
                "POST", "/store/purchase", json: ["id": exchange.session.playerId, "offer_id": offer ?? "", "idempotency_key": key])
            guard (200..<300).contains(status) else {
                let refused = status == 402 || status == 409
                return exchange.failure(status, body, doing: "purchase of \(offer ?? "")", kind: refused ? "purchase_refused" : nil)
            }
            return ActionOutcome(status: .ok, captured: reply.text("balance").map { ["balance": $0] } ?? [:])
        } catch {
            return error.outcome
        }
    }
}
