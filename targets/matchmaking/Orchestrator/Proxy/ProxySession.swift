import Foundation
import HummingbirdWSClient
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import Synchronization

/// One player's connection through the proxy: the upstream connection to its match's game server (joined as the
/// verified player), frames relayed both ways as they are (no re-assembly, no copy), and the player told how it ended.
///
/// Ends when either side closes: the player leaving closes upstream; the game server closing after `end` closes the
/// player normally; anything else (the server lost, or ``fail(_:)``) sends the player
/// `{"type":"end","reason":"failed","detail":...}` and closes it with 1011.
final class ProxySession: Sendable {
    /// The match.
    let matchId: String
    /// The verified player.
    let player: String
    private let upstreamURL: String
    private let client: WebSocketOutboundWriter
    private let eventLoop: any EventLoop
    private let limits: ProxyLimits
    private let metrics: ProxyMetrics
    private let logger: Logger
    private let decision = FirstOutcome()
    private let clientLeft = Atomic<Bool>(false)
    private let upstreamSentEnd = Atomic<Bool>(false)
    private let upstreamOpen = Atomic<Bool>(false)
    private let relayDone = Atomic<Bool>(false)
    private let over = Atomic<Bool>(false)

    init(
        admission: Admission, client: WebSocketOutboundWriter, eventLoop: any EventLoop, limits: ProxyLimits,
        metrics: ProxyMetrics, logger: Logger
    ) {
        matchId = admission.route.matchId
        player = admission.player
        let path = admission.route.matchId.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? admission.route.matchId
        upstreamURL = "ws://\(admission.route.upstreamHost):\(admission.route.upstreamPort)/game/\(path)/connect"
        self.client = client
        self.eventLoop = eventLoop
        self.limits = limits
        self.metrics = metrics
        var logger = logger
        logger[metadataKey: "match"] = "\(matchId)"
        logger[metadataKey: "player"] = "\(player)"
        self.logger = logger
    }

    /// Whether the session has ended and the player was told how (or had left).
    var isOver: Bool { over.load(ordering: .acquiring) }

    /// Relays until either side ends, then tells the player how it ended.
    func run(clientInbound: WebSocketInboundStream) async {
        let relay = Task {
            let outcome = await self.relay(clientInbound)
            self.relayDone.store(true, ordering: .releasing)
            self.decision.settle(outcome)
        }
        let watchdog = Task {
            try? await Task.sleep(for: limits.upstreamConnectTimeout)
            if !Task.isCancelled, !upstreamOpen.load(ordering: .relaxed) { decision.settle(.lost("the game server did not answer")) }
        }
        let outcome = await withTaskCancellationHandler {
            await decision.value
        } onCancel: {
            decision.settle(.lost("the proxy is stopping"))
        }
        watchdog.cancel()
        relay.cancel()
        logger.debug("proxy session ended", metadata: ["outcome": "\(outcome)"])
        await tellClient(outcome)
        over.store(true, ordering: .releasing)
        // A relay cancelled in the middle of the upstream WebSocket handshake (a frozen game server) cannot be
        // interrupted: it ends when that server's socket closes, and touches nothing of the player's any more.
        let deadline = ContinuousClock.now + limits.upstreamCloseTimeout
        while !relayDone.load(ordering: .acquiring), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Ends the session at once: the player is told the match failed (`detail`) and closed with 1011.
    func fail(_ detail: String) {
        decision.settle(.failed(detail))
    }

    /// Connects upstream, joins as the player and relays both ways until either side ends.
    private func relay(_ clientInbound: WebSocketInboundStream) async -> UpstreamOutcome {
        let configuration = WebSocketClientConfiguration(maxFrameSize: limits.maxMessageSize, closeTimeout: limits.upstreamCloseTimeout)
        do {
            let close = try await WebSocketClient.connect(
                url: upstreamURL, configuration: configuration, eventLoopGroup: eventLoop, logger: logger
            ) { upstreamInbound, upstreamOutbound, _ in
                self.upstreamOpen.store(true, ordering: .relaxed)
                guard !Task.isCancelled else { return }  // the session is over already
                try await upstreamOutbound.write(.text(ProxyMessages.join(self.player)))
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await self.forwardClient(clientInbound, to: upstreamOutbound) }
                    await self.forwardServer(upstreamInbound)
                    group.cancelAll()
                }
            }
            return .closed(close, sawEnd: upstreamSentEnd.load(ordering: .relaxed))
        } catch {
            if upstreamSentEnd.load(ordering: .relaxed) { return .closed(nil, sawEnd: true) }
            logger.debug("upstream connection failed", metadata: ["error": "\(error)"])
            return .lost("lost the connection to the game server")
        }
    }

    /// Player → game server, until the player leaves (then closes upstream) or the task is cancelled (upstream ended).
    private func forwardClient(_ inbound: WebSocketInboundStream, to upstream: WebSocketOutboundWriter) async {
        var message = MessageSize(limit: limits.maxMessageSize)
        var frames = inbound.makeAsyncIterator()
        while true {
            let next: WebSocketDataFrame?
            do { next = try await frames.next() } catch { next = nil }
            if Task.isCancelled { return }
            guard let frame = next else { break }
            guard message.admit(frame) else {
                clientLeft.store(true, ordering: .relaxed)
                try? await client.close(.messageTooLarge, reason: "message too large")
                break
            }
            if frame.opcode == .text, frame.fin, ProxyMessages.isJoin(frame.data) { continue }  // the proxy joined for it
            metrics.clientToServerBytes.increment(by: Int64(frame.data.readableBytes))
            do {
                try await upstream.write(.custom(WebSocketFrame(fin: frame.fin, opcode: frame.opcode.frameOpcode, data: frame.data)))
            } catch {
                return  // upstream is closing: forwardServer sees it end
            }
        }
        clientLeft.store(true, ordering: .relaxed)
        try? await upstream.close(.normalClosure, reason: "player left")
    }

    /// Game server → player, until upstream ends (or the player is gone).
    private func forwardServer(_ inbound: WebSocketInboundStream) async {
        do {
            for try await frame in inbound {
                if frame.opcode == .text, frame.fin, ProxyMessages.isEnd(frame.data) { upstreamSentEnd.store(true, ordering: .relaxed) }
                metrics.serverToClientBytes.increment(by: Int64(frame.data.readableBytes))
                do {
                    try await client.write(.custom(WebSocketFrame(fin: frame.fin, opcode: frame.opcode.frameOpcode, data: frame.data)))
                } catch {
                    if !Task.isCancelled { clientLeft.store(true, ordering: .relaxed) }
                    return
                }
            }
        } catch {
            logger.debug("upstream read failed", metadata: ["error": "\(error)"])
        }
    }

    /// Tells the player (unless it left) how the session ended, closing its connection.
    private func tellClient(_ outcome: UpstreamOutcome) async {
        guard !clientLeft.load(ordering: .relaxed) else { return }
        switch outcome {
        case .closed(let close, sawEnd: true):
            try? await client.close(.normalClosure, reason: close?.reason ?? "match ended")
        case .closed(let close?, sawEnd: false) where close.closeCode == .policyViolation:
            try? await client.close(.policyViolation, reason: close.reason)  // the game server refused the join
        case .closed(_, sawEnd: false):
            await failClient("the game server closed the connection without ending the match")
        case .lost(let detail), .failed(let detail):
            await failClient(detail)
        }
    }

    private func failClient(_ detail: String) async {
        try? await client.write(.text(ProxyMessages.failed(detail)))
        try? await client.close(.unexpectedServerError, reason: "match failed")
    }
}

/// How a session's upstream side ended.
enum UpstreamOutcome: Sendable {
    /// The game server closed the connection (with this close frame, if any); `sawEnd` when it sent `end` first.
    case closed(WebSocketCloseFrame?, sawEnd: Bool)
    /// The connection could not be opened, or broke.
    case lost(String)
    /// The orchestrator failed the match.
    case failed(String)
}

/// The proxy's limits.
struct ProxyLimits: Sendable {
    /// Largest message relayed, bytes (a player sending more is closed with 1009).
    let maxMessageSize: Int
    /// How long a closing upstream connection may take to close.
    let upstreamCloseTimeout: Duration
    /// How long opening the upstream connection (TCP and WebSocket handshake) may take.
    let upstreamConnectTimeout: Duration
}

/// The size of the message being relayed, frame by frame.
private struct MessageSize {
    let limit: Int
    var size = 0

    /// Adds `frame`; false when its message is now over the limit.
    mutating func admit(_ frame: WebSocketDataFrame) -> Bool {
        if frame.opcode != .continuation { size = 0 }
        size += frame.data.readableBytes
        return size <= limit
    }
}

extension WebSocketDataFrame.Opcode {
    /// The frame opcode.
    fileprivate var frameOpcode: WebSocketOpcode {
        switch self {
        case .text: .text
        case .binary: .binary
        case .continuation: .continuation
        }
    }
}
