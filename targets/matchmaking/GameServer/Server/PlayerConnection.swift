import HummingbirdWebSocket
import Logging

/// One client's WebSocket: the join handshake, then inputs in and queued messages out until either side ends.
struct PlayerConnection {
    let match: GameMatch
    let inbound: WebSocketInboundStream
    let outbound: WebSocketOutboundWriter
    let maxMessageSize: Int
    let logger: Logger

    /// Serves the connection until it ends.
    func run() async throws {
        var messages = inbound.messages(maxSize: maxMessageSize).makeAsyncIterator()
        guard let first = try await messages.next() else { return }
        let joined: Result<(String, AsyncStream<String>), JoinRejection>
        if case .text(let text) = first, let join = ClientMessage.decode(text), join.type == "join", let player = join.player {
            joined = match.join(player).map { (player, $0) }
        } else {
            joined = .failure(.notAJoin)
        }
        switch joined {
        case .failure(let rejection):
            logger.debug("join rejected", metadata: ["reason": "\(rejection.message)"])
            try await outbound.close(.policyViolation, reason: rejection.message)
            while try await messages.next() != nil {}
        case .success(let (player, outgoing)):
            try await play(player, outgoing: outgoing, messages: &messages)
        }
    }

    private func play(
        _ player: String, outgoing: AsyncStream<String>, messages: inout WebSocketInboundMessageStream.AsyncIterator
    ) async throws {
        let outbound = outbound
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await text in outgoing { try await outbound.write(.text(text)) }
                try? await outbound.close(.normalClosure, reason: "match ended")
            }
            do {
                while let message = try await messages.next() {
                    if case .text(let text) = message { match.receive(text, from: player) }
                }
            } catch {
                match.leave(player)
                throw error
            }
            match.leave(player)
            try await group.waitForAll()
        }
    }
}
