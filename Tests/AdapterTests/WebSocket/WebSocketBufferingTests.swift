import StampedePluginAPI
@testable import StampedeWebSocketAdapter
import Testing

/// Messages received while no action waits: buffered, bounded, and discarded by `exchange`.
@Suite("websocket adapter: buffering")
struct WebSocketBufferingTests {
    typealias Support = WebSocketTestSupport

    /// Waits (up to 5 s) until the player's connection holds `count` unread messages.
    private func waitUntilBuffered(_ count: Int, in player: WebSocketTestPlayer) async throws -> Bool {
        let inbox = try #require((player.session as? WebSocketSession)?.connection?.inbox)
        let deadline = ContinuousClock.now + .seconds(5)
        while inbox.count < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        return inbox.count == count
    }

    @Test("exchange ignores messages that arrived before its send, counting their bytes")
    func exchangeDiscardsOlderMessages() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/greet").isOK)
                let greeted = try await waitUntilBuffered(1, in: player)
                #expect(greeted, "the greeting arrives, unread")
                let reply = await player.perform("exchange", ["text": .string("ping")], captures: ["m": "message"])
                #expect(reply.captured == ["m": "ping"])
                #expect(reply.bytesIn == WebSocketTestServer.greeting.utf8.count + 4)
            }
        }
    }

    @Test("receive takes messages that arrived while the player was busy, oldest first")
    func receiveTakesBufferedInOrder() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/echo").isOK)
                for text in ["a", "b", "c"] { #expect(await player.perform("send", ["text": .string(text)]).isOK) }
                let echoed = try await waitUntilBuffered(3, in: player)
                #expect(echoed)
                for text in ["a", "b", "c"] {
                    #expect(await player.perform("receive", ["timeout": .number(0)], captures: ["m": "message"]).captured == ["m": text])
                }
            }
        }
    }

    @Test("a connection buffers at most 1,000 unread messages, dropping the oldest and counting them")
    func boundedBuffer() async throws {
        try await WebSocketTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { player in
                #expect(await player.connect("/flood").isOK)
                let full = try await waitUntilBuffered(1_000, in: player)
                #expect(full)
                let expectedDrops = WebSocketTestServer.floodCount - 1_000
                let deadline = ContinuousClock.now + .seconds(5)
                var dropped = 0.0
                while ContinuousClock.now < deadline {
                    dropped = await player.target.finalMetrics().first { $0.name == "ws_dropped_messages" }?.value ?? -1
                    if dropped >= Double(expectedDrops) { break }
                    try await Task.sleep(for: .milliseconds(5))
                }
                #expect(dropped == Double(expectedDrops))
                let oldest = await player.perform("receive", captures: ["m": "message"])
                #expect(oldest.captured == ["m": String(expectedDrops)])
            }
        }
    }
}
