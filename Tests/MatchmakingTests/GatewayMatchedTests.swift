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

    @Test("join with ?wait= joins and waits in one request, answering the matched status document")
    func joinAndWait() async throws {
        let oneVersusOne = MatchmakingSettings(teamSize: 1)
        try await GatewayTestServer.run(matchmaking: oneVersusOne, withMatchmaker: true) { gateway in
            let ada = Task { try await gateway.send(.POST, "/matchmaking/join?wait=10", body: #"{"id":"ada"}"#) }
            try await Task.sleep(for: .milliseconds(200))
            let bob = try await gateway.send(.POST, "/matchmaking/join?wait=10", body: #"{"id":"bob"}"#)
            let first = try await ada.value
            for reply in [first, bob] {
                #expect(reply.status == 200, "\(reply.text)")
                #expect(reply.string("status") == "matched", "\(reply.text)")
                #expect(reply.string("ticketId") != nil)
            }
            #expect(first.string("matchId") != nil && first.string("matchId") == bob.string("matchId"))
            let alone = try await gateway.send(.POST, "/matchmaking/join?wait=0.3", body: #"{"id":"cy"}"#)
            #expect(alone.string("status") == "searching", "after the wait, as it stands: \(alone.text)")
            let bad = try await gateway.send(.POST, "/matchmaking/join?wait=soon", body: #"{"id":"dee"}"#)
            #expect(bad.status == 400 && bad.isJSONError)
        }
    }
}
