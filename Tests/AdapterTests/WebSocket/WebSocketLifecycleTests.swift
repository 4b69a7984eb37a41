import StampedePluginAPI
import StampedeWebSocketAdapter
import Testing

/// Connections opening, closing and being torn down; settings; the declaration.
@Suite("websocket adapter: lifecycle")
struct WebSocketLifecycleTests {
    typealias Support = WebSocketTestSupport

    @Test("connecting again closes the previous connection")
    func reconnectClosesPrevious() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/echo").isOK)
                #expect(await player.connect("/greet").isOK)
                let greeting = await player.perform("receive", captures: ["kind": "$.type"])
                #expect(greeting.captured == ["kind": "welcome"])
                #expect(await server.stats.wait { $0.opened == 2 && $0.open == 1 })
            }
        }
    }

    @Test("closing sessions and tearing the target down leave no connection open")
    func teardownClosesEverything() async throws {
        try await WebSocketTestServer.run { server in
            let target = try WebSocketAdapter.makeTarget(TargetConfig(name: "game", settings: ["base_url": .string(server.baseURL)]))
            var sessions: [any PlayerSession] = []
            for id in 0..<5 {
                let session = target.makeSession(for: PlayerInfo(id: id, behaviour: "test"))
                let player = WebSocketTestPlayer(target: target, session: session)
                #expect(await player.connect(id == 0 ? "/flood" : "/echo").isOK)
                sessions.append(session)
            }
            #expect(await server.stats.wait { $0.open == 5 })
            await sessions[1].close()
            #expect(await server.stats.wait { $0.open == 4 })
            // The other sessions are never closed: teardown closes their connections.
            let clock = ContinuousClock()
            let start = clock.now
            await target.teardown()
            #expect(clock.now - start < .seconds(3))
            #expect(await server.stats.wait { $0.open == 0 })
            let late = await WebSocketTestPlayer(target: target, session: target.makeSession(for: Support.player)).connect("/echo")
            #expect(Support.kind(late) == "cancelled", "no connection opens after teardown")
        }
    }

    @Test("close without a connection succeeds and does nothing")
    func closeWithoutConnection() async throws {
        try await Support.withTarget(baseURL: "ws://127.0.0.1:1") { player in
            #expect(await player.perform("close").isOK)
        }
    }

    @Test("base_url must be a ws:// or wss:// URL", arguments: [
        [:], ["base_url": ActionValue.string("http://127.0.0.1")], ["base_url": .string("ws://")],
        ["base_url": .string("ws://127.0.0.1"), "connect_timeout": .number(0)],
    ])
    func badSettings(settings: [String: ActionValue]) {
        #expect(throws: TargetConfigError.self) {
            _ = try WebSocketAdapter.makeTarget(TargetConfig(name: "game", settings: settings))
        }
    }

    @Test("the declaration offers the five actions, captures on receive and exchange, and the drop metric")
    func declaration() {
        let declaration = WebSocketAdapter.declaration
        #expect(declaration.name == "websocket")
        #expect(declaration.actions.map(\.name) == ["connect", "send", "receive", "exchange", "close"])
        #expect(declaration.action(named: "receive")?.captures == nil)
        #expect(declaration.action(named: "exchange")?.captures == nil)
        #expect(declaration.action(named: "send")?.captures == [])
        #expect(declaration.config.first { $0.name == "base_url" }?.required == true)
        #expect(declaration.metrics.map(\.name) == ["ws_dropped_messages"])
    }
}
