import StampedePluginAPI
import StampedeWebSocketAdapter
import Testing

/// The error kinds of the `websocket` adapter, each provoked for real.
@Suite("websocket adapter: errors")
struct WebSocketErrorTests {
    typealias Support = WebSocketTestSupport

    @Test("send, receive and exchange without connect fail with not_connected", arguments: ["send", "receive", "exchange"])
    func notConnected(action: String) async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                let outcome = await player.perform(action, ["text": .string("hi")])
                #expect(Support.kind(outcome) == "not_connected")
                #expect(Support.message(outcome)?.contains("connect first") == true)
            }
        }
    }

    @Test("receive with nothing arriving in time fails with timeout")
    func receiveTimeout() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/delayed").isOK)
                let clock = ContinuousClock()
                let start = clock.now
                let outcome = await player.perform("exchange", ["text": .string("slow"), "timeout": .number(0.1)])
                let waited = clock.now - start
                #expect(Support.kind(outcome) == "timeout")
                #expect(Support.message(outcome) == "expected a message within 100ms, none came")
                #expect(waited >= .milliseconds(100) && waited < .seconds(2))
                // The late reply still arrives and can be received.
                let late = await player.perform("receive", ["timeout": .number(5)], captures: ["m": "message"])
                #expect(late.captured == ["m": "late: slow"])
            }
        }
    }

    @Test("messages that came but did not match give no_match, naming what came")
    func noMatch() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/echo").isOK)
                let outcome = await player.perform(
                    "exchange", ["text": .string("apple"), "match": .string("banana"), "timeout": .number(1.5)]
                )
                #expect(Support.kind(outcome) == "no_match")
                #expect(
                    Support.message(outcome)
                        == "expected a message containing 'banana' within 1.5s; 1 other message came: 'apple'"
                )
                #expect(outcome.bytesIn == 5)
            }
        }
    }

    @Test("connecting to a port with nothing listening fails with connect")
    func connectRefused() async throws {
        let closedPort = try await WebSocketTestServer.run { server in server.port }
        try await Support.withTarget(baseURL: "ws://127.0.0.1:\(closedPort)") { player in
            let outcome = await player.connect("/echo")
            #expect(Support.kind(outcome) == "connect")
            #expect(Support.message(outcome)?.hasPrefix("could not open ws://127.0.0.1:\(closedPort)/echo: ") == true)
            #expect(Support.kind(await player.perform("send", ["text": .string("x")])) == "not_connected")
        }
    }

    @Test("a route that does not upgrade fails with connect")
    func upgradeRefused() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                let outcome = await player.connect("/plain")
                #expect(Support.kind(outcome) == "connect")
                #expect(Support.message(outcome)?.contains("upgrade failed") == true)
            }
        }
    }

    @Test("an upgrade slower than connect_timeout fails with timeout")
    func connectTimeout() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL, ["connect_timeout": .number(0.1)]) { player in
                let outcome = await player.connect("/slow-upgrade")
                #expect(Support.kind(outcome) == "timeout")
                #expect(Support.message(outcome)?.hasSuffix("did not open within 100ms") == true)
            }
            // The abandoned connection is closed once the upgrade completes.
            #expect(await server.stats.wait { $0.opened == 1 && $0.open == 0 })
        }
    }

    @Test("the server closing the connection gives closed, to receive and then to send")
    func serverCloses() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/close").isOK)
                #expect(await player.perform("send", ["text": .string("close, please")]).isOK)
                let received = await player.perform("receive", ["timeout": .number(5)])
                #expect(Support.kind(received) == "closed")
                #expect(Support.message(received)?.hasSuffix("(code 1000 normalClosure, reason 'bye')") == true)
                let sent = await player.perform("send", ["text": .string("anyone?")])
                #expect(Support.kind(sent) == "closed")
            }
        }
    }

    @Test("close, then send gives not_connected")
    func closeThenSend() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/echo").isOK)
                #expect(await player.perform("close").isOK)
                #expect(Support.kind(await player.perform("send", ["text": .string("x")])) == "not_connected")
                #expect(await server.stats.wait { $0.open == 0 })
            }
        }
    }

    @Test("a receive whose task is cancelled ends at once with cancelled")
    func cancelledReceive() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/echo").isOK)
                let waiting = Task { await player.perform("receive", ["timeout": .number(30)]) }
                try await Task.sleep(for: .milliseconds(100))
                waiting.cancel()
                #expect(Support.kind(await waiting.value) == "cancelled")
                // The connection still works.
                #expect(await player.perform("exchange", ["text": .string("still here")]).isOK)
            }
        }
    }

    @Test("bad parameters are errors of kind websocket", arguments: [
        ["text": ActionValue.string("a"), "json": .number(1)],
        [:],
        ["text": .string("a"), "regex": .string("(")],
    ])
    func badParameters(parameters: [String: ActionValue]) async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/echo").isOK)
                #expect(Support.kind(await player.perform("exchange", parameters)) == "websocket")
            }
        }
    }

    @Test("a capture that finds nothing gives capture_missing")
    func captureMissing() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/greet").isOK)
                let outcome = await player.perform("receive", captures: ["x": "$.missing"])
                #expect(Support.kind(outcome) == "capture_missing")
                let notJSON = await player.perform("exchange", ["text": .string("plain")], captures: ["x": "$.a"])
                #expect(Support.kind(notJSON) == "capture_missing")
            }
        }
    }
}
