import MatchmakingCore
import MatchmakingGateway
import NIOHTTP1
import Testing

/// The gateway with a matchmaker running: tickets get matched.
@Suite(.timeLimit(.minutes(1)))
struct GatewayMatchedTests {
    @Test("a long-polling status answers matched, with the match and its server, once the matchmaker forms it")
    func matchedThroughLongPoll() async throws {
        let oneVersusOne = MatchmakingSettings(teamSize: 1)
        try await GatewayTestServer.run(matchmaking: oneVersusOne, withMatchmaker: true) { gateway in
            let first = try #require(try await gateway.send(.POST, "/matchmaking/join", body: #"{"id":"ada"}"#).string("ticketId"))
            let poll = Task { try await gateway.send(.GET, "/matchmaking/status?ticketId=\(first)&wait=10") }
            try await Task.sleep(for: .milliseconds(200))
            let second = try #require(try await gateway.send(.POST, "/matchmaking/join", body: #"{"id":"bob"}"#).string("ticketId"))
            let matched = try await poll.value
            #expect(matched.string("status") == "matched", "\(matched.text)")
            let matchId = try #require(matched.string("matchId"))
            let server = try #require(matched.object?["server"] as? [String: Any])
            #expect((server["url"] as? String)?.isEmpty == false && (server["gameId"] as? String)?.isEmpty == false)
            let other = try await gateway.send(.GET, "/matchmaking/status?ticketId=\(second)&wait=5")
            #expect(other.string("status") == "matched" && other.string("matchId") == matchId)
            let cancel = try await gateway.send(.POST, "/matchmaking/cancel", body: #"{"id":"ada","ticketId":"\#(first)"}"#)
            #expect(cancel.status == 409)
        }
    }
}
