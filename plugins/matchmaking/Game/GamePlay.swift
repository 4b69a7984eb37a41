import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// One player's match over the game's WebSocket (through the orchestrator's proxy): connects with the player's
/// session token, sends inputs at a steady rate, times each input's acknowledgement, and plays until the server
/// says the match ended (or the connection ends, or the deadline passes).
///
/// Messages (the reference game server's protocol): inputs `{"type":"input","dx","dy","seq"}` answered by
/// `{"type":"ack","seq"}`; state broadcasts `{"type":"state",…}`; `{"type":"end","reason"}` last.
struct GamePlay: Sendable {
    /// The match's WebSocket URL.
    let url: String
    /// The player's session token (the proxy admits the match's players by it).
    let token: String
    /// Inputs sent per second (0: none).
    let inputRate: Double
    /// How long the whole match may take.
    let timeout: Duration

    /// A logger writing nothing: failures reach reports as outcomes.
    private static let logger = Logger(label: "stampede.matchmaking.game", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Plays the match to its end.
    func run() async -> GameReport {
        let tally = GameTally()
        var configuration = WebSocketClientConfiguration(
            maxFrameSize: 1 << 20, additionalHeaders: [.authorization: "Bearer \(token)"], closeTimeout: .seconds(2)
        )
        configuration.ignoreUncleanSSLShutdownErrors = true
        let frozen = configuration
        let url = url
        let inputRate = inputRate
        let outcome: GameReport.Ending = await withTaskGroup(of: GameReport.Ending?.self) { group in
            group.addTask {
                do {
                    // On the player's event loop (a child task keeps its executor preference), as its HTTP requests are.
                    let group: any EventLoopGroup = MultiThreadedEventLoopGroup.currentEventLoop ?? MultiThreadedEventLoopGroup.singleton
                    _ = try await WebSocketClient.connect(
                        url: url, configuration: frozen, eventLoopGroup: group, logger: Self.logger
                    ) { inbound, outbound, _ in
                        tally.opened()
                        try await Self.play(inbound: inbound, outbound: outbound, inputRate: inputRate, tally: tally)
                    }
                    return nil
                } catch {
                    if Task.isCancelled { return .failed("cancelled", "the match was cancelled") }
                    if !tally.wasOpened {
                        return .failed("connect", "could not join the match at \(url): \(error) (the proxy refuses unknown tokens, other matches' players and matches that are not running)")
                    }
                    return .failed("disconnected", "the match's connection failed: \(error)")
                }
            }
            let timeout = timeout
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                } catch {
                    return nil
                }
                return .failed("timeout", "the match did not end within \(timeout)")
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? tally.ending
        }
        return tally.report(outcome)
    }

    /// Sends inputs and reads messages until the server ends the match.
    private static func play(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, inputRate: Double, tally: GameTally
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            if inputRate > 0 {
                group.addTask {
                    let interval = Duration.seconds(1 / inputRate)
                    var seq = 0
                    var next = ContinuousClock.now
                    while !Task.isCancelled {
                        next += interval
                        try await Task.sleep(until: next, clock: .continuous)
                        seq += 1
                        let dx = Double.random(in: -1...1), dy = Double.random(in: -1...1)
                        let text = #"{"type":"input","dx":\#(dx),"dy":\#(dy),"seq":\#(seq)}"#
                        tally.sent(seq: seq, bytes: text.utf8.count)
                        try await outbound.write(.text(text))
                    }
                }
            }
            var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
            while let message = try await messages.next() {
                let text: String
                switch message {
                case .text(let value): text = value
                case .binary(let buffer): text = String(buffer: buffer)
                }
                if tally.received(text) {
                    group.cancelAll()
                    try? await outbound.close(.normalClosure, reason: "match over")
                    break
                }
            }
            group.cancelAll()
        }
    }
}
