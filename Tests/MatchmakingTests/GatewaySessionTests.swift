import Foundation
import MatchmakingGateway
import NIOHTTP1
import Testing

/// Login, session tokens and who may act for whom.
@Suite(.timeLimit(.minutes(1)))
struct GatewaySessionTests {
    @Test("every login issues a fresh random token of at least 128 bits, and it expires")
    func tokensAreFreshAndExpire() async throws {
        try await GatewayTestServer.run(settings: GatewaySettings(tokenTTL: 2, allowAnonymous: false)) { gateway in
            var tokens: Set<String> = []
            var expiry = 0
            for _ in 0..<5 {
                let before = Int(Date().timeIntervalSince1970)
                let reply = try await gateway.send(.POST, "/login", body: #"{"id":"ada","password":"pw"}"#)
                #expect(reply.status == 200)
                let token = try #require(reply.string("token"))
                #expect(token.count >= 32 && token.allSatisfy(\.isHexDigit), "\(token) is not 128 bits of hex")
                #expect(reply.string("id") == "ada")
                let expiresAt = try #require(reply.int("expiresAt"))
                #expect(expiresAt >= before + 2 && expiresAt <= Int(Date().timeIntervalSince1970) + 2)
                expiry = max(expiry, expiresAt)
                tokens.insert(token)
            }
            #expect(tokens.count == 5)
            let token = try #require(tokens.first)
            #expect(try await gateway.send(.GET, "/store/wallet", token: token).status == 200)
            let remaining = Double(expiry) + 1.1 - Date().timeIntervalSince1970
            if remaining > 0 { try await Task.sleep(for: .seconds(remaining)) }
            let expired = try await gateway.send(.GET, "/store/wallet", token: token)
            #expect(expired.status == 401)
            #expect(expired.isJSONError)
        }
    }

    @Test("with allowAnonymous off, a missing or invalid token is 401 and another player's id is 403")
    func tokenRequired() async throws {
        try await GatewayTestServer.run(settings: GatewaySettings(allowAnonymous: false)) { gateway in
            let token = try await gateway.login("ada")
            let join = #"{"id":"ada"}"#
            let anonymous = try await gateway.send(.POST, "/matchmaking/join", body: join)
            #expect(anonymous.status == 401 && anonymous.isJSONError)
            let forged = try await gateway.send(.POST, "/matchmaking/join", body: join, token: String(repeating: "0", count: 32))
            #expect(forged.status == 401)
            let malformed = try await gateway.send(.GET, "/store/offers", headers: [("Authorization", "Basic abc")])
            #expect(malformed.status == 401)
            let mismatched = try await gateway.send(.POST, "/store/purchase", body: #"{"id":"bob","offer_id":"buddy-cat"}"#, token: token)
            #expect(mismatched.status == 403 && mismatched.isJSONError)
            let ok = try await gateway.send(.POST, "/matchmaking/join", body: "{}", token: token)
            #expect(ok.status == 200, "\(ok.text)")
            #expect(try await gateway.send(.GET, "/store/offers", token: token).status == 200)
            #expect(try await gateway.send(.GET, "/health").status == 200)
            #expect(try await gateway.send(.GET, "/metrics").status == 200)
        }
    }

    @Test("logout ends the session: the token stops working, a second logout with it is 401")
    func logoutRevokesTheToken() async throws {
        try await GatewayTestServer.run(settings: GatewaySettings(allowAnonymous: false)) { gateway in
            let token = try await gateway.login("ada")
            let other = try await gateway.login("ada")
            #expect(try await gateway.send(.GET, "/store/wallet", token: token).status == 200)
            let logout = try await gateway.send(.POST, "/logout", body: "{}", token: token)
            #expect(logout.status == 200, "\(logout.text)")
            #expect(try await gateway.send(.GET, "/store/wallet", token: token).status == 401)
            #expect(try await gateway.send(.POST, "/logout", body: "{}", token: token).status == 401)
            #expect(try await gateway.send(.GET, "/store/wallet", token: other).status == 200, "other sessions go on")
            #expect(try await gateway.send(.POST, "/logout", body: "{}").status == 401, "no token, anonymous not allowed")
        }
    }

    @Test("with allowAnonymous on (the default), the original client's body id is enough")
    func anonymousAllowed() async throws {
        try await GatewayTestServer.run { gateway in
            let login = try await gateway.send(.POST, "/login", body: #"{"id":"ada","password":"x"}"#)
            #expect(login.status == 200)
            #expect(try await gateway.send(.GET, "/store/offers").status == 200)
            let join = try await gateway.send(.POST, "/matchmaking/join", body: #"{"id":"bob"}"#)
            #expect(join.status == 200 && join.string("status") == "searching")
            let noId = try await gateway.send(.POST, "/matchmaking/join", body: "{}")
            #expect(noId.status == 400 && noId.string("error") == "missing field 'id'")
            let emptyPassword = try await gateway.send(.POST, "/login", body: #"{"id":"ada","password":""}"#)
            #expect(emptyPassword.status == 400)
        }
    }
}
