import StampedePluginAPI
import StampedeWebSocketAdapter
import Testing

/// Connecting, sending and receiving against a real WebSocket server.
@Suite("websocket adapter: messaging")
struct WebSocketMessagingTests {
    typealias Support = WebSocketTestSupport

    @Test("connect, then exchange with the echo route: the reply is captured and bytes are counted both ways")
    func exchangeEcho() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                let connected = await player.connect("/echo")
                #expect(connected.isOK, "\(Support.message(connected) ?? "")")
                let reply = await player.perform("exchange", ["text": .string("hello")], captures: ["reply": "message"])
                #expect(reply.isOK, "\(Support.message(reply) ?? "")")
                #expect(reply.captured == ["reply": "hello"])
                #expect(reply.bytesOut == 5)
                #expect(reply.bytesIn == 5)
            }
        }
    }

    @Test("json is sent as compact JSON text with sorted keys")
    func exchangeJSON() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("echo").isOK)
                let json: ActionValue = .map([
                    "type": .string("move"), "x": .number(3), "speed": .number(1.5), "ok": .bool(true),
                    "tags": .list([.string("a\"b"), .null]),
                ])
                let reply = await player.perform("exchange", ["json": json], captures: ["all": "message", "x": "$.x"])
                #expect(reply.isOK, "\(Support.message(reply) ?? "")")
                #expect(reply.captured["all"] == #"{"ok":true,"speed":1.5,"tags":["a\"b",null],"type":"move","x":3}"#)
                #expect(reply.captured["x"] == "3")
            }
        }
    }

    @Test("receive takes the greeting sent on connect, capturing JSON paths")
    func receiveGreeting() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/greet").isOK)
                let greeting = await player.perform(
                    "receive", ["timeout": .number(5)], captures: ["kind": "$.type", "id": "$.id", "room": "$.room.name"]
                )
                #expect(greeting.isOK, "\(Support.message(greeting) ?? "")")
                #expect(greeting.captured == ["kind": "welcome", "id": "42", "room": "lobby"])
                #expect(greeting.bytesIn == WebSocketTestServer.greeting.utf8.count)
            }
        }
    }

    @Test("match and regex skip messages that do not match, counting their bytes")
    func matchSkipsOthers() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/echo").isOK)
                for text in ["noise 1", "noise 2", "wanted: 7", "after"] {
                    #expect(await player.perform("send", ["text": .string(text)]).isOK)
                }
                let wanted = await player.perform("receive", ["match": .string("wanted")], captures: ["m": "message"])
                #expect(wanted.captured == ["m": "wanted: 7"])
                #expect(wanted.bytesIn == "noise 1noise 2wanted: 7".utf8.count)
                for text in ["id=x", "id=42"] {
                    #expect(await player.perform("send", ["text": .string(text)]).isOK)
                }
                let number = await player.perform("receive", ["regex": .string("^id=[0-9]+$")], captures: ["m": "message"])
                #expect(number.captured == ["m": "id=42"], "'after' and 'id=x' are skipped")
            }
        }
    }

    @Test("handshake headers reach the server; an absolute ws:// path replaces the base URL")
    func headersAndAbsolutePath() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: "ws://127.0.0.1:1/not-used") { player in
                #expect(await player.connect("\(server.baseURL)/whoami", headers: ["x-player": "ada"]).isOK)
                let name = await player.perform("receive", captures: ["name": "message"])
                #expect(name.captured == ["name": "ada"])
            }
        }
    }

    @Test("many sequential exchanges share one connection")
    func manyExchangesOneConnection() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/echo").isOK)
                for index in 0..<300 {
                    let reply = await player.perform(
                        "exchange", ["text": .string("n\(index)"), "match": .string("n\(index)")], captures: ["m": "message"]
                    )
                    guard reply.captured == ["m": "n\(index)"] else {
                        Issue.record("exchange \(index): \(reply)")
                        return
                    }
                }
                #expect(server.stats.opened == 1)
            }
        }
    }

    @Test("players have independent connections on one target")
    func concurrentPlayers() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { first in
                let target = first.target
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    for id in 0..<20 {
                        group.addTask {
                            let player = WebSocketTestPlayer(
                                target: target, session: target.makeSession(for: PlayerInfo(id: id, behaviour: "test"))
                            )
                            guard await player.connect("/echo").isOK else { return false }
                            for round in 0..<10 {
                                let reply = await player.perform("exchange", ["text": .string("\(id)-\(round)")], captures: ["m": "message"])
                                guard reply.captured["m"] == "\(id)-\(round)" else { return false }
                            }
                            await player.session.close()
                            return true
                        }
                    }
                    var succeeded = 0
                    for try await ok in group where ok { succeeded += 1 }
                    #expect(succeeded == 20)
                }
                #expect(server.stats.opened == 20)
            }
        }
    }
}
