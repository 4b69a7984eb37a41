import MatchmakingGateway
import NIOHTTP1
import Testing

/// The store: a fixed catalogue, wallets, and atomic, idempotent purchases.
@Suite(.timeLimit(.minutes(1)))
struct GatewayStoreTests {
    @Test("20 concurrent retries of one purchase with the same idempotency key charge once")
    func idempotentRetries() async throws {
        try await GatewayTestServer.run(settings: GatewaySettings(startingBalance: 1000)) { gateway in
            let token = try await gateway.login("ada")
            let replies = try await withThrowingTaskGroup(of: GatewayReply.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        // Half send the key in the header, half in the body.
                        index.isMultiple(of: 2)
                            ? try await gateway.send(.POST, "/store/purchase", body: #"{"offer_id":"skin-prime-vandal"}"#,
                                                     token: token, headers: [("Idempotency-Key", "order-1")])
                            : try await gateway.send(.POST, "/store/purchase",
                                                     body: #"{"offer_id":"skin-prime-vandal","idempotency_key":"order-1"}"#, token: token)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == 200 }, "\(replies.map(\.text))")
            #expect(Set(replies.compactMap { $0.string("purchaseId") }).count == 1)
            #expect(replies.filter { $0.object?["replayed"] as? Bool == false }.count == 1)
            #expect(replies.allSatisfy { $0.int("balance") == 825 })
            let wallet = try await gateway.send(.GET, "/store/wallet", token: token)
            #expect(wallet.int("balance") == 825)
            #expect((wallet.object?["items"] as? [String: Any])?["skin-prime-vandal"] as? Int == 1)
        }
    }

    @Test("concurrent different purchases never drive the balance below zero")
    func neverNegative() async throws {
        try await GatewayTestServer.run(settings: GatewaySettings(startingBalance: 1000)) { gateway in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await gateway.send(
                            .POST, "/store/purchase", body: #"{"id":"bob","offer_id":"skin-prime-vandal","idempotency_key":"k\#(index)"}"#
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 5)  // 5 × 175 = 875 ≤ 1000 < 6 × 175
            #expect(statuses.filter { $0 == 402 }.count == 15)
            let wallet = try await gateway.send(.GET, "/store/wallet?id=bob")
            #expect(wallet.int("balance") == 125)
            let broke = try await gateway.send(.POST, "/store/purchase", body: #"{"id":"bob","offer_id":"skin-prime-vandal"}"#)
            #expect(broke.status == 402 && broke.string("error") == "insufficient funds")
        }
    }

    @Test("the catalogue is served, and unknown offers or reused keys are refused")
    func catalogueAndRefusals() async throws {
        let offers = [Offer(id: "a", name: "A", price: 10), Offer(id: "b", name: "B", price: 20)]
        try await GatewayTestServer.run(settings: GatewaySettings(startingBalance: 100, offers: offers)) { gateway in
            let catalogue = try await gateway.send(.GET, "/store/offers")
            #expect((catalogue.object?["offers"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["a", "b"])
            let unknown = try await gateway.send(.POST, "/store/purchase", body: #"{"id":"ada","offer_id":"zzz"}"#)
            #expect(unknown.status == 404 && unknown.isJSONError)
            let first = try await gateway.send(.POST, "/store/purchase", body: #"{"id":"ada","offer_id":"a","idempotency_key":"x"}"#)
            #expect(first.status == 200 && first.int("balance") == 90)
            let reused = try await gateway.send(.POST, "/store/purchase", body: #"{"id":"ada","offer_id":"b","idempotency_key":"x"}"#)
            #expect(reused.status == 409)
            let wallet = try await gateway.send(.GET, "/store/wallet?id=ada")
            #expect(wallet.int("balance") == 90)
        }
    }
}
