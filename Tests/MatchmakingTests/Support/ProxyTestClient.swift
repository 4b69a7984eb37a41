import Foundation
import HummingbirdWSClient
import Logging
import NIOWebSocket
import Synchronization

/// A message a player received through the proxy, decoded.
struct ProxiedMessage: Decodable, Sendable {
    /// `state`, `ack` or `end`.
    let type: String
    /// The tick of a `state`.
    let tick: Int?
    /// The player ids in a `state`.
    let players: [String: [String: Double]]?
    /// The sequence number of an `ack`.
    let seq: Int?
    /// The reason of an `end`.
    let reason: String?
    /// The detail of a failed `end`.
    let detail: String?
}

/// What one player saw through the proxy.
struct ProxyClientLog: Sendable {
    /// Every message received, in order.
    var messages: [ProxiedMessage] = []
    /// The close frame's code, if the connection was closed with one.
    var closeCode: WebSocketErrorCode?
    /// The close frame's reason.
    var closeReason: String?
    /// Whether the connection has ended.
    var ended = false
    /// The error the connection ended with, if any.
    var error: String?

    /// The sequence numbers acknowledged.
    var acks: [Int] { messages.filter { $0.type == "ack" }.compactMap(\.seq) }
    /// The `state` messages.
    var states: [ProxiedMessage] { messages.filter { $0.type == "state" } }
    /// The `end` message, if one came.
    var end: ProxiedMessage? { messages.first { $0.type == "end" } }
}

/// A scripted player connected through the proxy: sends what the test says, records what it receives.
final class ProxyTestClient: Sendable {
    private enum Outgoing: Sendable {
        case text(String)
        case leave
    }

    private let log = Mutex(ProxyClientLog())
    private let outbox = AsyncStream.makeStream(of: Outgoing.self)
    private let task = Mutex<Task<Void, Never>?>(nil)

    private init() {}

    /// Connects to match `matchId` through the proxy on `port` with `token` (in `Authorization`, or the `token` query
    /// parameter if `inQuery`).
    static func connect(port: Int, matchId: String, token: String, inQuery: Bool = false) -> ProxyTestClient {
        let client = ProxyTestClient()
        var configuration = WebSocketClientConfiguration()
        var url = "ws://127.0.0.1:\(port)/game/\(matchId)/connect"
        if inQuery {
            url += "?token=\(token)"
        } else {
            configuration.additionalHeaders[.authorization] = "Bearer \(token)"
        }
        var logger = Logger(label: "proxy-test-client")
        logger.logLevel = .critical
        client.task.withLock { [configuration, url, logger] in
            $0 = Task { await client.run(url: url, configuration: configuration, logger: logger) }
        }
        return client
    }

    /// Sends a text message.
    func send(_ text: String) { outbox.continuation.yield(.text(text)) }

    /// Sends input `seq`.
    func input(_ seq: Int) { send(#"{"type":"input","dx":1,"dy":0,"seq":\#(seq)}"#) }

    /// Closes the connection normally.
    func leave() { outbox.continuation.yield(.leave) }

    /// What it saw so far.
    var seen: ProxyClientLog { log.withLock { $0 } }

    /// Waits (up to `limit`) until what it saw satisfies `condition`; whether it did.
    func wait(upTo limit: Duration = .seconds(5), until condition: @Sendable (ProxyClientLog) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while !condition(seen) {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// Waits (up to `limit`) for the connection to end, then returns what it saw; cancels it if it did not end.
    func finish(upTo limit: Duration = .seconds(5)) async -> ProxyClientLog {
        _ = await wait(upTo: limit) { $0.ended }
        let task = task.withLock { $0 }
        task?.cancel()
        await task?.value
        return seen
    }

    private func run(url: String, configuration: WebSocketClientConfiguration, logger: Logger) async {
        let outbox = outbox.stream
        do {
            let close = try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await item in outbox {
                            switch item {
                            case .text(let text): try await outbound.write(.text(text))
                            case .leave:
                                try await outbound.close(.normalClosure, reason: "leaving")
                                return
                            }
                        }
                    }
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = message,
                              let decoded = try? JSONDecoder().decode(ProxiedMessage.self, from: Data(text.utf8))
                        else { continue }
                        self.log.withLock { $0.messages.append(decoded) }
                    }
                    group.cancelAll()
                }
            }
            log.withLock { log in
                log.closeCode = close?.closeCode
                log.closeReason = close?.reason
                log.ended = true
            }
        } catch {
            log.withLock { log in
                log.error = "\(error)"
                log.ended = true
            }
        }
    }
}
