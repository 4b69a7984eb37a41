import HTTPTypes
import Hummingbird

extension Gateway {
    /// `GET /store/offers`, `GET /store/wallet`, `POST /store/purchase`.
    func addStoreRoutes(to router: Router<BasicRequestContext>) {
        // The catalogue never changes: encoded once.
        let catalogue = (try? json.response(OfferList(offers: settings.offers))) ?? Response(status: .internalServerError)
        router.get("/store/offers") { request, _ -> Response in
            _ = try await authenticator.optionalPlayer(of: request)
            return catalogue
        }
        router.get("/store/wallet") { request, _ -> Response in
            let player = try await authenticator.player(of: request, claims: request.uri.queryParameters["id"].map(String.init))
            return try json.response(try await wallets.wallet(of: player))
        }
        router.post("/store/purchase") { request, _ -> Response in
            let body = try await json.decode(PurchaseRequest.self, from: request)
            let player = try await authenticator.player(of: request, claims: body.id)
            let key = request.headers[.idempotencyKey] ?? body.idempotencyKey
            if let key, key.isEmpty || key.utf8.count > 200 {
                throw GatewayError(.badRequest, "idempotency key must be 1 to 200 characters")
            }
            guard let offer = offers[body.offerId] else {
                metrics.purchase(.unknownOffer)
                throw GatewayError(.notFound, "unknown offer \(body.offerId)", hint: "see GET /store/offers")
            }
            switch try await wallets.purchase(offer, for: player, idempotencyKey: key) {
            case .insufficientFunds(let balance):
                metrics.purchase(.insufficientFunds)
                throw GatewayError(.init(code: 402, reasonPhrase: "Payment Required"), "insufficient funds", hint: "balance \(balance), price \(offer.price)")
            case .purchased(let receipt, let replayed) where receipt.offerId != offer.id:
                _ = replayed
                metrics.purchase(.keyConflict)
                throw GatewayError(
                    .conflict, "idempotency key already used for offer \(receipt.offerId)", hint: "use a new key per purchase"
                )
            case .purchased(let receipt, let replayed):
                metrics.purchase(replayed ? .replayed : .purchased)
                return try json.response(PurchaseResponse(receipt: receipt, replayed: replayed))
            }
        }
    }
}

extension HTTPField.Name {
    /// `Idempotency-Key`.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}

/// The answer to `GET /store/offers`.
struct OfferList: Codable, Sendable {
    let offers: [Offer]
}

/// The body of `POST /store/purchase`.
struct PurchaseRequest: Decodable {
    let id: String?
    let offerId: String
    let idempotencyKey: String?

    enum CodingKeys: String, CodingKey {
        case id, offerId = "offer_id", idempotencyKey = "idempotency_key"
    }
}

/// The answer to `POST /store/purchase`.
struct PurchaseResponse: Encodable {
    let purchaseId: String
    let offerId: String
    let price: Int
    let balance: Int
    let replayed: Bool

    init(receipt: WalletStore.PurchaseReceipt, replayed: Bool) {
        purchaseId = receipt.purchaseId
        offerId = receipt.offerId
        price = receipt.price
        balance = receipt.balance
        self.replayed = replayed
    }
}
