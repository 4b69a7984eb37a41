import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
@testable import StampedeMatchmakingAdapter
import StampedePluginAPI
import Synchronization
import Testing

/// `connect_game`: a player plays its match over WebSocket — token in the handshake, inputs at a rate, round trips
/// from the acknowledgements, the end and its reason — against a small server speaking the game's protocol.
@Suite("matchmaking adapter: connect_game", .serialized)
struct MatchmakingGameTests {
    @Test func aCompletedMatchIsASuccessWithRoundTrips() async throws {
        try await FakeGameServer.run(end: "completed", after: .milliseconds(700)) { server in
            let (target, session) = try Self.player(token: FakeGameServer.token)
            let outcome = await target.perform(Self.connect(server.url, rate: 20), session: session)
            #expect(outcome.isOK, "\(outcome.status)")
            let roundTrips = outcome.metrics.filter { $0.name == "game_rtt" }
            #expect(roundTrips.count >= 5, "inputs at 20/s for 0.7 s are acknowledged")
            #expect(roundTrips.allSatisfy { $0.value >= 0 && $0.value < 0.5 })
            #expect(outcome.metrics.contains(MetricSample(name: "matches_played", value: 1, tags: ["end_reason": "completed"])))
            #expect(outcome.metrics.first { $0.name == "game_states_received" }.map(\.value) ?? 0 >= 3)
            #expect(outcome.bytesOut > 0 && outcome.bytesIn > 0)
            #expect(server.inputs.value >= 5)
        }
    }

    @Test func aFailedMatchIsAnErrorOfItsOwnKind() async throws {
        try await FakeGameServer.run(end: "failed", after: .milliseconds(200)) { server in
            let (target, session) = try Self.player(token: FakeGameServer.token)
            let outcome = await target.perform(Self.connect(server.url, rate: 0), session: session)
            guard case .error(let kind, let message) = outcome.status else {
                Issue.record("a failed match must not be a success")
                return
            }
            #expect(kind == "match_failed")
            #expect(message.contains("game server died"))
            #expect(outcome.metrics.contains(MetricSample(name: "matches_played", value: 1, tags: ["end_reason": "failed"])))
        }
    }

    @Test func aRefusedPlayerGetsAConnectError() async throws {
        try await FakeGameServer.run(end: "completed", after: .seconds(5)) { server in
            let (target, session) = try Self.player(token: "not-the-token")
            let outcome = await target.perform(Self.connect(server.url, rate: 1), session: session)
            guard case .error(let kind, let message) = outcome.status else {
                Issue.record("a refused handshake must fail")
                return
            }
            #expect(kind == "connect")
            #expect(message.contains("could not join"))
        }
    }

    @Test(arguments: [
        (nil, "ws://127.0.0.1:1/game/m/connect", "not_logged_in"),
        ("t", nil, "no_match"),
        ("t", "http://127.0.0.1:1/game/m/connect", "invalid_request"),
    ] as [(String?, String?, String)])
    func connectingNeedsATokenAndAMatch(token: String?, url: String?, kind: String) async throws {
        let (target, session) = try Self.player(token: token)
        var request = ActionRequest(action: "connect_game", player: PlayerInfo(id: 1, behaviour: "player"))
        if let url { request.parameters["url"] = .string(url) }
        let outcome = await target.perform(request, session: session)
        #expect(outcome.status.kind == kind)
    }

    @Test func acknowledgementsAreReadWithoutDecodingEveryMessage() {
        #expect(GameTally.ackSeq(#"{"type":"ack","seq":42}"#) == 42)
        #expect(GameTally.ackSeq(#"{"players":{},"tick":3,"type":"state"}"#) == nil)
        #expect(GameTally.ackSeq(#"{"type":"ack","seq":"x"}"#) == nil)
        let tally = GameTally()
        tally.sent(seq: 1, bytes: 10)
        #expect(tally.received(#"{"type":"ack","seq":1}"#) == false)
        #expect(tally.received(#"{"players":{},"tick":1,"type":"state"}"#) == false)
        #expect(tally.received(#"{"reason":"completed","type":"end"}"#) == true)
        let report = tally.report(tally.ending)
        #expect(report.roundTrips.count == 1)
        #expect(report.states == 1)
        #expect(report.ending == .ended(reason: "completed", detail: nil))
    }

    private static func player(token: String?) throws -> (any ActionTarget, MatchmakingSession) {
        let target = try MatchmakingAdapter.makeTarget(TargetConfig(
            name: "game", settings: ["base_url": .string("http://127.0.0.1:1"), "final_check": .bool(false)]))
        let session = MatchmakingSession(playerId: "p-1")
        session.with { $0.token = token }
        return (target, session)
    }

    private static func connect(_ url: String, rate: Double) -> ActionRequest {
        ActionRequest(
            action: "connect_game", parameters: ["url": .string(url), "input_rate": .number(rate), "timeout": .number(10)],
            player: PlayerInfo(id: 1, behaviour: "player"))
    }
}

extension ActionOutcome.Status {
    /// The error kind, or nil for a success.
    fileprivate var kind: String? {
        if case .error(let kind, _) = self { return kind }
        return nil
    }
}

/// A game server in miniature: admits `Bearer secret-token` only, acknowledges inputs, broadcasts state every
/// 50 ms, and ends the match with the given reason after the given time.
private struct FakeGameServer: Sendable {
    static let token = "secret-token"
    let url: String
    let inputs: Counter

    final class Counter: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func increment() { count.withLock { $0 += 1 } }
    }

    static func run(end reason: String, after: Duration, _ body: @Sendable (FakeGameServer) async throws -> Void) async throws {
        let inputs = Counter()
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("/game/m1/connect", shouldUpgrade: { request, _ in
            guard request.headers[.authorization] == "Bearer \(token)" else { throw HTTPError(.forbidden) }
            return .upgrade([:])
        }) { inbound, outbound, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    let clock = ContinuousClock()
                    let end = clock.now + after
                    var tick = 0
                    while clock.now < end {
                        tick += 1
                        try await outbound.write(.text(#"{"players":{},"tick":\#(tick),"type":"state"}"#))
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    let detail = reason == "failed" ? #","detail":"the game server died""# : ""
                    try await outbound.write(.text(#"{"type":"end","reason":"\#(reason)"\#(detail)}"#))
                }
                for try await message in inbound.messages(maxSize: 1 << 16) {
                    guard case .text(let text) = message, let range = text.range(of: #""seq":"#) else { continue }
                    inputs.increment()
                    let seq = text[range.upperBound...].prefix { $0.isNumber }
                    try await outbound.write(.text(#"{"type":"ack","seq":\#(seq)}"#))
                }
                group.cancelAll()
            }
        }
        var logger = Logger(label: "fake-game-server")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: Router(), server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body(FakeGameServer(url: "ws://127.0.0.1:\(port)/game/m1/connect", inputs: inputs))
        }
    }
}
