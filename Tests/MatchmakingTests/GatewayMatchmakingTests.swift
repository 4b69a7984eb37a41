import Foundation
import MatchmakingCore
import MatchmakingGateway
import NIOHTTP1
import Testing

/// The matchmaking routes over a real ``RedisTicketService`` (no matchmaker running: tickets stay searching).
@Suite(.timeLimit(.minutes(1)))
struct GatewayMatchmakingTests {
    @Test("join answers a searching ticket; its status has null match fields; a second join is 409 with the ticket")
    func joinAndStatus() async throws {
        try await GatewayTestServer.run { gateway in
            let join = try await gateway.send(.POST, "/matchmaking/join", body: #"{"id":"ada"}"#)
            #expect(join.status == 200 && join.string("status") == "searching")
            let ticketId = try #require(join.string("ticketId"))
            let status = try await gateway.send(.GET, "/matchmaking/status?ticketId=\(ticketId)")
            #expect(status.status == 200 && status.string("status") == "searching")
            #expect(status.object?["matchId"] is NSNull && status.object?["server"] is NSNull)
            let again = try await gateway.send(.POST, "/matchmaking/join", body: #"{"id":"ada"}"#)
            #expect(again.status == 409 && again.string("ticketId") == ticketId)
        }
    }

    @Test("a party joins under its leader; members cannot queue again; only the owner may cancel")
    func partyAndOwnership() async throws {
        try await GatewayTestServer.run { gateway in
            let leader = try await gateway.login("lead")
            let join = try await gateway.send(
                .POST, "/matchmaking/join", body: #"{"party":["m1","m2"],"mmr":1800,"region":"eu"}"#, token: leader
            )
            #expect(join.status == 200, "\(join.text)")
            let ticketId = try #require(join.string("ticketId"))
            let ticket = try await gateway.tickets.ticket(ticketId)
            #expect(ticket.players == ["lead", "m1", "m2"] && ticket.mmr == 1800 && ticket.region == "eu")
            let member = try await gateway.send(.POST, "/matchmaking/join", body: #"{"id":"m1"}"#)
            #expect(member.status == 409 && member.string("ticketId") == ticketId)
            let stranger = try await gateway.login("stranger")
            let cancel = try await gateway.send(.POST, "/matchmaking/cancel", body: #"{"ticketId":"\#(ticketId)"}"#, token: stranger)
            #expect(cancel.status == 403)
            let peek = try await gateway.send(.GET, "/matchmaking/status?ticketId=\(ticketId)", token: stranger)
            #expect(peek.status == 403)
            let tooBig = try await gateway.send(.POST, "/matchmaking/join", body: #"{"id":"x","party":["a","b","c","d","e"]}"#)
            #expect(tooBig.status == 400 && tooBig.isJSONError)
        }
    }

    @Test("cancel makes the ticket cancelled, and a second cancel is 409")
    func cancel() async throws {
        try await GatewayTestServer.run { gateway in
            let token = try await gateway.login("ada")
            let ticketId = try #require(try await gateway.send(.POST, "/matchmaking/join", body: "{}", token: token).string("ticketId"))
            let cancel = try await gateway.send(.POST, "/matchmaking/cancel", body: #"{"ticketId":"\#(ticketId)"}"#, token: token)
            #expect(cancel.status == 200 && cancel.string("status") == "cancelled", "\(cancel.text)")
            let status = try await gateway.send(.GET, "/matchmaking/status?ticketId=\(ticketId)", token: token)
            #expect(status.string("status") == "cancelled")
            let again = try await gateway.send(.POST, "/matchmaking/cancel", body: #"{"ticketId":"\#(ticketId)"}"#, token: token)
            #expect(again.status == 409)
            let rejoin = try await gateway.send(.POST, "/matchmaking/join", body: "{}", token: token)
            #expect(rejoin.status == 200)
        }
    }

    @Test("a long-polling status answers as soon as the ticket is cancelled from another request")
    func longPoll() async throws {
        try await GatewayTestServer.run { gateway in
            let ticketId = try #require(try await gateway.send(.POST, "/matchmaking/join", body: #"{"id":"ada"}"#).string("ticketId"))
            // Without a final state, a short wait answers the ticket as it stands once the wait is over.
            let clock = ContinuousClock()
            let start = clock.now
            let short = try await gateway.send(.GET, "/matchmaking/status?ticketId=\(ticketId)&wait=0.3")
            #expect(short.string("status") == "searching")
            #expect(clock.now - start >= .milliseconds(250))
            let poll = Task {
                let start = clock.now
                let reply = try await gateway.send(.GET, "/matchmaking/status?ticketId=\(ticketId)&wait=20")
                return (reply, clock.now - start)
            }
            try await Task.sleep(for: .milliseconds(500))
            let cancel = try await gateway.send(.POST, "/matchmaking/cancel", body: #"{"id":"ada","ticketId":"\#(ticketId)"}"#)
            #expect(cancel.status == 200)
            let (reply, elapsed) = try await poll.value
            #expect(reply.status == 200 && reply.string("status") == "cancelled")
            #expect(elapsed < .seconds(3), "long-poll took \(elapsed)")
        }
    }
}
