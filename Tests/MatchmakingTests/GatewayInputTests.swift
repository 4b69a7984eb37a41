import AsyncHTTPClient
import MatchmakingGateway
import NIOHTTP1
import Testing

/// Bad input is answered with a 4xx and a JSON error body, never a crash.
@Suite(.timeLimit(.minutes(1)))
struct GatewayInputTests {
    /// A bad request and the status it must get.
    struct BadRequest: Sendable, CustomTestStringConvertible {
        let method: HTTPMethod
        let path: String
        let body: String?
        let status: Int
        var testDescription: String { "\(method) \(path) \(body.map { String($0.prefix(40)) } ?? "") → \(status)" }
    }

    static let cases: [BadRequest] = [
        BadRequest(method: .POST, path: "/login", body: #"{"id":"ada","#, status: 400),
        BadRequest(method: .POST, path: "/login", body: "not json", status: 400),
        BadRequest(method: .POST, path: "/login", body: "", status: 400),
        BadRequest(method: .POST, path: "/login", body: #"{"id":"ada"}"#, status: 400),
        BadRequest(method: .POST, path: "/login", body: #"{"id":42,"password":"x"}"#, status: 400),
        BadRequest(method: .POST, path: "/login", body: #"[1,2]"#, status: 400),
        BadRequest(method: .POST, path: "/login", body: #"{"id":"\#(String(repeating: "x", count: 20_000))","password":"x"}"#, status: 413),
        BadRequest(method: .POST, path: "/matchmaking/join", body: #"{"id":"ada","mmr":"high"}"#, status: 400),
        BadRequest(method: .POST, path: "/matchmaking/join", body: #"{"id":"ada","party":"bob"}"#, status: 400),
        BadRequest(method: .POST, path: "/matchmaking/cancel", body: #"{"id":"ada"}"#, status: 400),
        BadRequest(method: .POST, path: "/matchmaking/cancel", body: #"{"id":"ada","ticketId":"nope"}"#, status: 404),
        BadRequest(method: .GET, path: "/matchmaking/status?ticketId=nope", body: nil, status: 404),
        BadRequest(method: .GET, path: "/matchmaking/status?ticketId=nope&wait=1", body: nil, status: 404),
        BadRequest(method: .GET, path: "/matchmaking/status", body: nil, status: 400),
        BadRequest(method: .GET, path: "/matchmaking/status?ticketId=x&wait=soon", body: nil, status: 400),
        BadRequest(method: .POST, path: "/store/purchase", body: #"{"id":"ada"}"#, status: 400),
        BadRequest(method: .POST, path: "/store/purchase", body: #"{"id":"ada","offer_id":"no-such-offer"}"#, status: 404),
        BadRequest(method: .GET, path: "/no/such/route", body: nil, status: 404),
        BadRequest(method: .DELETE, path: "/login", body: nil, status: 404),
    ]

    @Test("bad requests get the right 4xx with a JSON error", arguments: cases)
    func badRequest(_ bad: BadRequest) async throws {
        try await GatewayTestServer.run(settings: GatewaySettings(bodyLimit: 16 * 1024)) { gateway in
            let reply = try await gateway.send(bad.method, bad.path, body: bad.body)
            #expect(reply.status == bad.status, "\(reply.text)")
            #expect(reply.isJSONError, "not a JSON error: \(reply.contentType) \(reply.text)")
            // The server still answers after it.
            #expect(try await gateway.send(.GET, "/health").status == 200)
        }
    }
}
