import StampedeMatchmakingAdapter
import StampedePluginAPI
import Testing

/// The `matchmaking` adapter's actions against the real gateway, matchmaker and Redis.
@Suite("matchmaking adapter against the reference target", .serialized)
struct MatchmakingAdapterTests {
    /// A `matchmaking` target on `url` with players named `prefix-N`.
    static func target(_ url: String, prefix: String = "t") throws -> any ActionTarget {
        try MatchmakingAdapter.makeTarget(
            TargetConfig(name: "game", settings: ["base_url": .string(url), "player_prefix": .string(prefix), "timeout": .number(5)]))
    }

    /// Performs `action` for `session`.
    static func perform(
        _ target: any ActionTarget, _ session: any PlayerSession, _ action: String, _ parameters: [String: ActionValue] = [:],
        captures: [String: String] = [:], random: UInt64 = 7
    ) async -> ActionOutcome {
        let request = ActionRequest(
            action: action, parameters: parameters, captures: captures, player: PlayerInfo(id: 0, behaviour: "test"), random: random)
        return await target.perform(request, session: session)
    }

    static func kind(_ outcome: ActionOutcome) -> String? {
        if case .error(let kind, _) = outcome.status { return kind }
        return nil
    }

    @Test func loginStoreAndPurchase() async throws {
        try await LocalMatchmakingTarget.run { local in
            let target = try Self.target(local.gatewayURL)
            let session = target.makeSession(for: PlayerInfo(id: 1, behaviour: "test"))
            let login = await Self.perform(target, session, "login")
            #expect(login.isOK, "\(login.status)")
            #expect((login.captured["token"]?.count ?? 0) >= 32, "a token of at least 128 bits: \(login.captured)")
            #expect(login.tags["status"] == "200")
            let store = await Self.perform(target, session, "fetch_store")
            #expect(store.isOK, "\(store.status)")
            #expect(store.captured["offer_id"] != nil)
            let purchase = await Self.perform(target, session, "purchase")
            #expect(purchase.isOK, "\(purchase.status)")
            #expect(purchase.captured["balance"] != nil)
            let unknown = await Self.perform(target, session, "purchase", ["offer_id": .string("no-such-offer")])
            #expect(Self.kind(unknown) == "status_404", "\(unknown.status)")
            let logout = await Self.perform(target, session, "logout")
            #expect(logout.isOK, "\(logout.status)")
            await target.teardown()
        }
    }

    @Test func tenPlayersJoiningMakeOneMatch() async throws {
        try await LocalMatchmakingTarget.run { local in
            let target = try Self.target(local.gatewayURL)
            let outcomes = await withTaskGroup(of: ActionOutcome.self) { group in
                for id in 0..<10 {
                    let session = target.makeSession(for: PlayerInfo(id: id, behaviour: "test"))
                    group.addTask { await Self.perform(target, session, "join_queue", ["timeout": .number(20)]) }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { !$0.isOK }.isEmpty, "\(outcomes.map(\.status))")
            #expect(Set(outcomes.compactMap { $0.captured["match_id"] }).count == 1, "one match for the ten players")
            #expect(outcomes.allSatisfy { $0.captured["server_url"]?.hasPrefix("ws://") == true })
            let waits = outcomes.flatMap(\.metrics).filter { $0.name == "time_to_match" }
            #expect(waits.count == 10)
            let final = await target.finalMetrics()
            #expect(final.contains(MetricSample(name: "duplicate_assignments", value: 0)))
            #expect(final.contains(MetricSample(name: "lost_tickets", value: 0)))
            await target.teardown()
        }
    }

    @Test func cancelAndItsErrors() async throws {
        try await LocalMatchmakingTarget.run { local in
            let target = try Self.target(local.gatewayURL)
            let session = target.makeSession(for: PlayerInfo(id: 1, behaviour: "test"))
            let noTicket = await Self.perform(target, session, "await_match")
            #expect(Self.kind(noTicket) == "no_ticket")
            let join = await Self.perform(target, session, "join_queue", ["wait": .bool(false)])
            #expect(join.isOK, "\(join.status)")
            #expect(join.captured["ticket_id"] != nil)
            let again = await Self.perform(target, session, "join_queue", ["wait": .bool(false)])
            #expect(Self.kind(again) == "already_queued")
            let cancel = await Self.perform(target, session, "cancel")
            #expect(cancel.isOK, "\(cancel.status)")
            let nothingLeft = await Self.perform(target, session, "cancel")
            #expect(Self.kind(nothingLeft) == "no_ticket")
            // A player alone never gets a match: the wait gives up and cancels.
            let lonely = await Self.perform(target, session, "join_queue", ["timeout": .number(1)])
            #expect(Self.kind(lonely) == "match_timeout", "\(lonely.status)")
            let final = await target.finalMetrics()
            #expect(final.contains(MetricSample(name: "lost_tickets", value: 0)))
            await target.teardown()
        }
    }

    @Test func ticketsLeftOpenAreCancelledAtTheEndAndOnlyLostOnesCounted() async throws {
        try await LocalMatchmakingTarget.run { local in
            let target = try Self.target(local.gatewayURL, prefix: "open")
            for id in 0..<3 {
                let session = target.makeSession(for: PlayerInfo(id: id, behaviour: "test"))
                let join = await Self.perform(target, session, "join_queue", ["wait": .bool(false)])
                #expect(join.isOK, "\(join.status)")
            }
            // A ticket the server no longer knows is lost: remove one behind the gateway's back. So is one stuck in
            // allocation (as when a matchmaker dies mid-allocation): it can no longer be cancelled, and never ends.
            let keys = (try await local.redis.send(["KEYS", "mm:t:*"]).array ?? []).compactMap(\.string)
            #expect(keys.count == 3)
            _ = try await local.redis.send(["DEL", keys[0]])
            let stuck = String(keys[1].dropFirst("mm:t:".count))
            _ = try await local.redis.send(["LREM", "mm:q:default", "0", stuck])
            _ = try await local.redis.send(["HSET", keys[1], "status", "allocating", "matchId", "m-stuck"])
            let final = await target.finalMetrics()
            #expect(final.contains(MetricSample(name: "lost_tickets", value: 2)), "\(final)")
            await target.teardown()
        }
    }
}
