import Foundation
@testable import StampedeMatchmakingAdapter
import StampedePluginAPI
import Testing

/// The evidence behind `duplicate_assignments` and `lost_tickets`, and the adapter's settings.
@Suite("matchmaking adapter: ledger and settings")
struct MatchmakingLedgerTests {
    @Test func ticketsMatchedOnceAreNoDuplicates() {
        let ledger = TicketLedger()
        ledger.joined("t1", player: "a", token: nil)
        ledger.resolved("t1", matchId: "m1")
        ledger.joined("t2", player: "a", token: nil)  // the player queues again after its match
        ledger.resolved("t2", matchId: "m2")
        ledger.resolved("t2", matchId: "m2")  // seen twice, same match
        #expect(ledger.duplicates == 0)
        #expect(ledger.unresolved().isEmpty)
    }

    @Test func aTicketInTwoMatchesIsADuplicate() {
        let ledger = TicketLedger()
        ledger.joined("t1", player: "a", token: nil)
        ledger.resolved("t1", matchId: "m1")
        ledger.resolved("t1", matchId: "m2")
        #expect(ledger.duplicates == 1)
    }

    @Test func twoOpenTicketsOfOnePlayerBothMatchedAreADuplicate() {
        let ledger = TicketLedger()
        ledger.joined("t1", player: "a", token: nil)
        ledger.joined("t2", player: "a", token: nil)  // the server should have refused this one
        ledger.resolved("t1", matchId: "m1")
        ledger.resolved("t2", matchId: "m2")
        #expect(ledger.duplicates == 1)
    }

    @Test func unresolvedTicketsAreListedWithTheirToken() {
        let ledger = TicketLedger()
        ledger.joined("t1", player: "a", token: "tok")
        ledger.joined("t2", player: "b", token: nil)
        ledger.resolved("t2", matchId: nil)
        let open = ledger.unresolved()
        #expect(open.map(\.ticket) == ["t1"])
        #expect(open.first?.record.token == "tok")
        #expect(open.first?.record.player == "a")
    }

    @Test func gatewayRepliesAreReadLeniently() {
        let offers = GatewayReply(Array(#"{"offers":[{"id":"skin-1","price":100},{"offer_id":7}]}"#.utf8))
        #expect(offers.offerIds == ["skin-1", "7"])
        let array = GatewayReply(Array(#"[{"id":"a"},{"id":"b"}]"#.utf8))
        #expect(array.offerIds == ["a", "b"])
        let status = GatewayReply(Array(#"{"status":"matched","matchId":"m9","server":{"url":"ws://x/game/m9","gameId":"m9"}}"#.utf8))
        #expect(status.text("status") == "matched")
        #expect(status.text("server", "url") == "ws://x/game/m9")
        #expect(GatewayReply.errorMessage(Array(#"{"error":"unknown ticket","hint":"join first"}"#.utf8)) == "unknown ticket (join first)")
        #expect(GatewayReply.errorMessage(Array("plain text".utf8)) == "plain text")
        #expect(GatewayReply(Array("not json".utf8)).text("status") == nil)
    }

    @Test(arguments: [
        ([String: ActionValue](), "target 'game': base_url is required (e.g. http://127.0.0.1:8080); when it comes from {{ env.NAME }}, set NAME — targets/matchmaking/local.sh up prints GATEWAY_URL"),
        (["base_url": .string("")], "target 'game': base_url is required (e.g. http://127.0.0.1:8080); when it comes from {{ env.NAME }}, set NAME — targets/matchmaking/local.sh up prints GATEWAY_URL"),
        (["base_url": .string("https://x")], "target 'game': base_url must be a plain http:// URL (e.g. http://127.0.0.1:8080), got 'https://x'"),
        (["base_url": .string("http://x"), "pool_size": .number(0)], "target 'game': pool_size must be a whole number of at least 1"),
        (["base_url": .string("http://x"), "timeout": .number(0)], "target 'game': timeout must be a positive duration"),
        (["base_url": .string("http://x"), "player_prefix": .string("a b")], "target 'game': player_prefix must be printable ASCII without spaces"),
    ])
    func invalidSettings(settings: [String: ActionValue], message: String) {
        do {
            _ = try MatchmakingAdapter.makeTarget(TargetConfig(name: "game", settings: settings))
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func playersGetTheRunsPrefix() throws {
        let target = try MatchmakingAdapter.makeTarget(
            TargetConfig(name: "game", settings: ["base_url": .string("http://127.0.0.1:1"), "player_prefix": .string("run7")]))
        let session = try #require(target.makeSession(for: PlayerInfo(id: 42, behaviour: "b")) as? MatchmakingSession)
        #expect(session.playerId == "run7-42")
    }
}

/// Request bodies written by the adapter are JSON that Foundation reads back as they were.
@Suite("matchmaking adapter: request bodies")
struct MatchmakingBodyTests {
    @Test func bodiesAreValidJSONWithEscapes() throws {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{07} é 🎮"
        let bytes = JSONBody.bytes(["id": text, "mmr": 1500, "ratio": 0.5, "ok": true, "b": "x"])
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix(#"{"b":"x","id":"#))
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(decoded["id"] as? String == text)
        #expect((decoded["mmr"] as? NSNumber)?.intValue == 1500)
        #expect((decoded["ratio"] as? NSNumber)?.doubleValue == 0.5)
        #expect(decoded.count == 5)
    }
}
