import Foundation
import GameServer
import HummingbirdWSClient
import Logging
import MatchmakingTelemetry
import ServiceLifecycle
import Synchronization

/// A game server running in-process on 127.0.0.1 and a free port, for one test.
struct GameServerHarness: Sendable {
    /// The port it listens on.
    let port: Int
    /// Its metrics.
    let telemetry: ServiceTelemetry
    /// Stops it (ending the match as terminated).
    let stop: @Sendable () async -> Void
    private let results: AsyncStream<MatchResult>

    /// Waits (up to `limit`) for the match's result.
    func result(upTo limit: Duration = .seconds(5)) async -> MatchResult? {
        await withTaskGroup(of: MatchResult?.self) { group in
            group.addTask {
                var iterator = results.makeAsyncIterator()
                return await iterator.next()
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// Starts a server for `settings`, runs `body` with it, then stops it and waits until it has stopped.
    static func run<T: Sendable>(
        _ settings: GameServerSettings, _ body: @Sendable (GameServerHarness) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "game-server-test")
        logger.logLevel = .critical
        let telemetry = ServiceTelemetry()
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let (results, resultContinuation) = AsyncStream.makeStream(of: MatchResult.self)
        let service = GameServerService(
            settings: settings, telemetry: telemetry, logger: logger,
            onServerRunning: { port in
                portContinuation.yield(port)
                portContinuation.finish()
            },
            onMatchEnd: { result in
                resultContinuation.yield(result)
                resultContinuation.finish()
            }
        )
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)], logger: logger
        ))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw GameServerHarnessError.didNotStart }
            let harness = GameServerHarness(
                port: port, telemetry: telemetry, stop: { await group.triggerGracefulShutdown() }, results: results
            )
            do {
                let value = try await body(harness)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}

/// The test server did not report a port.
struct GameServerHarnessError: Error {
    /// No port came.
    static let didNotStart = GameServerHarnessError()
}

/// A message the game server sent, decoded.
struct ReceivedGameMessage: Decodable, Sendable {
    /// A player's position.
    struct Position: Decodable, Sendable {
        /// Horizontal.
        let x: Double
        /// Vertical.
        let y: Double
    }

    /// `state`, `ack` or `end`.
    let type: String
    /// The tick of a `state`.
    let tick: Int?
    /// The positions in a `state`.
    let players: [String: Position]?
    /// The sequence number of an `ack`.
    let seq: Int?
    /// The reason of an `end`.
    let reason: String?
}

/// What one test client saw.
struct GameClientLog: Sendable {
    /// Every message received, in order.
    var messages: [ReceivedGameMessage] = []
    /// The server's close frame, if any.
    var closeCode: String?
    /// The server's close reason, if any.
    var closeReason: String?

    /// The `state` messages.
    var states: [ReceivedGameMessage] { messages.filter { $0.type == "state" } }
    /// The sequence numbers acknowledged.
    var acks: [Int] { messages.filter { $0.type == "ack" }.compactMap(\.seq) }
    /// The `end` message's reason.
    var endReason: String? { messages.first { $0.type == "end" }?.reason }
}

/// A scripted WebSocket player.
enum GameTestClient {
    /// Connects to match `matchId` as `player`, sends the join, then `inputs` inputs (seq 1…), reads until the server
    /// closes, or closes itself after `leaveAfter`.
    static func play(
        port: Int, matchId: String, player: String, inputs: Int = 0, leaveAfter: Duration? = nil
    ) async throws -> GameClientLog {
        var logger = Logger(label: "game-test-client")
        logger.logLevel = .critical
        let log = Mutex(GameClientLog())
        let close = try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)/game/\(matchId)/connect", logger: logger
        ) { inbound, outbound, _ in
            try await outbound.write(.text(#"{"type":"join","player":"\#(player)"}"#))
            for seq in 1...max(inputs, 1) where inputs > 0 {
                try await outbound.write(.text(#"{"type":"input","dx":1.5,"dy":-1,"seq":\#(seq)}"#))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                if let leaveAfter {
                    group.addTask {
                        try await Task.sleep(for: leaveAfter)
                        try await outbound.close(.normalClosure, reason: "leaving")
                    }
                }
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message,
                          let decoded = try? JSONDecoder().decode(ReceivedGameMessage.self, from: Data(text.utf8))
                    else { continue }
                    log.withLock { $0.messages.append(decoded) }
                }
                group.cancelAll()
            }
        }
        return log.withLock { log in
            if let close {
                log.closeCode = "\(close.closeCode)"
                log.closeReason = close.reason
            }
            return log
        }
    }
}
