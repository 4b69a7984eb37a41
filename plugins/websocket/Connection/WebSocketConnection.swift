import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOPosix
import NIOWebSocket
import Synchronization

/// One open (or opening) WebSocket connection of a player.
///
/// `WebSocketClient.connect` runs its handler for the connection's lifetime, so the connection lives in a task of
/// its own. The handler hands its outbound writer over (sends write through it directly, so a send's errors and
/// back-pressure reach the action), pushes every received message into the ``Inbox``, and performs the closing
/// handshake when ``requestClose()`` is called. The task ends when the connection does; ``shutdown()`` closes
/// and waits for it, cancelling it when the server does not finish the closing handshake in time.
final class WebSocketConnection: Sendable {
    /// How opening went.
    enum Opening: Sendable {
        /// The handshake succeeded; messages are written through this writer.
        case opened(WebSocketOutboundWriter)
        /// The connection could not be opened.
        case failed(WebSocketFailure)
        /// The player gave up waiting (timeout, cancellation, close) before it opened.
        case abandoned
    }

    /// Received messages buffered per connection, at most.
    static let inboxCapacity = 1_000
    /// The largest frame and message accepted.
    static let maxFrameSize = 1 << 20
    /// The largest message accepted, reassembled from frames.
    static let maxMessageSize = 16 << 20
    /// How long the server has to answer a close before the connection is dropped.
    static let closeGrace: Duration = .seconds(2)
    /// A logger that writes nothing: failures reach reports as outcomes.
    static let logger = Logger(label: "stampede.websocket", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The URL it connects to.
    let url: String
    /// Messages received and not yet taken.
    let inbox: Inbox
    /// How opening went, once known.
    let opening = OneShot<Opening>()
    /// Decided when the player (or the run's end) asks for the connection to close.
    private let closeRequested = OneShot<Void>()
    /// Decided when the connection's task is over.
    private let ended = OneShot<Void>()
    /// The task running the connection, or that its cancellation was asked before it was known.
    private let task = Mutex<TaskSlot>(.none)
    /// Where live connections are tracked, for the target's teardown.
    private let registry: ConnectionRegistry

    private enum TaskSlot {
        case none
        case running(Task<Void, Never>)
        case cancelRequested
    }

    private init(url: String, registry: ConnectionRegistry, drops: DropCounter) {
        self.url = url
        self.registry = registry
        inbox = Inbox(capacity: Self.inboxCapacity, drops: drops)
    }

    /// Opens a connection to `url`, waiting at most `timeout` for the handshake.
    static func open(
        url: String, headers: HTTPFields, timeout: Duration, registry: ConnectionRegistry, drops: DropCounter
    ) async -> Result<WebSocketConnection, WebSocketFailure> {
        let connection = WebSocketConnection(url: url, registry: registry, drops: drops)
        guard registry.insert(connection) else {
            return .failure(WebSocketFailure(.cancelled, "the target was torn down: no new connections"))
        }
        var configuration = WebSocketClientConfiguration(
            maxFrameSize: maxFrameSize, additionalHeaders: headers, closeTimeout: closeGrace
        )
        configuration.ignoreUncleanSSLShutdownErrors = true
        let frozen = configuration
        // The connection's channel lives on the opening player's event loop (its own task does not run there).
        let group: any EventLoopGroup = MultiThreadedEventLoopGroup.currentEventLoop ?? MultiThreadedEventLoopGroup.singleton
        connection.started(Task { await connection.run(configuration: frozen, on: group) })

        let opening = await connection.opening.value(until: .now + timeout)
            ?? (connection.opening.decide(.abandoned) ? nil : connection.opening.current)
        switch opening {
        case .opened:
            return .success(connection)
        case .failed(let failure):
            return .failure(failure)
        case .abandoned, nil:
            connection.cancelTask()
            if Task.isCancelled { return .failure(.cancelled) }
            return .failure(WebSocketFailure(.timeout, "\(url) did not open within \(Wording.duration(timeout))"))
        }
    }

    /// The writer, while the connection is open.
    var writer: WebSocketOutboundWriter? {
        if case .opened(let writer)? = opening.current { return writer }
        return nil
    }

    /// Sends one text message.
    /// - Throws: ``WebSocketFailure``: `closed` when the connection ended, `cancelled`, or `websocket`.
    func send(_ text: String) async throws(WebSocketFailure) {
        guard let writer else { throw WebSocketFailure(.notConnected, "the connection to \(url) is not open") }
        if let end = inbox.end { throw end }
        do {
            try await writer.writeTextMessage(text)
        } catch {
            if Task.isCancelled { throw .cancelled }
            if let end = inbox.end { throw end }
            throw WebSocketFailure(.websocket, "sending to \(url) failed: \(error)")
        }
    }

    /// Starts the closing handshake (or gives up opening), without waiting.
    func requestClose() {
        closeRequested.decide(())
        if opening.decide(.abandoned) { cancelTask() }
    }

    /// Closes the connection and waits until it is over: the server has ``closeGrace`` to finish the closing
    /// handshake, after which the connection is dropped.
    func shutdown() async {
        requestClose()
        if await ended.value(until: .now + Self.closeGrace + .seconds(1)) != nil { return }
        cancelTask()
        _ = await ended.value(until: .now + Self.closeGrace)
    }

    /// Cancels the connection's task: its channel closes at once.
    func cancelTask() {
        let running: Task<Void, Never>? = task.withLock { slot in
            switch slot {
            case .running(let task): return task
            case .none, .cancelRequested:
                slot = .cancelRequested
                return nil
            }
        }
        running?.cancel()
    }

    /// Records the connection's task, cancelling it if that was asked already.
    private func started(_ running: Task<Void, Never>) {
        let cancelNow = task.withLock { slot in
            if case .cancelRequested = slot { return true }
            slot = .running(running)
            return false
        }
        if cancelNow { running.cancel() }
    }

    /// The connection's task: connects, serves the connection until it ends, then records why it ended.
    private func run(configuration: WebSocketClientConfiguration, on group: any EventLoopGroup) async {
        let end: WebSocketFailure
        do {
            let closeFrame = try await WebSocketClient.connect(
                url: url, configuration: configuration, eventLoopGroup: group, logger: Self.logger
            ) {
                inbound, outbound, _ in
                try await self.serve(inbound: inbound, outbound: outbound)
            }
            end = closedEnd(closeFrame)
        } catch {
            opening.decide(.failed(WebSocketFailure(.connect, "could not open \(url): \(Wording.error(error))")))
            end = closeRequested.current != nil
                ? WebSocketFailure(.closed, "the connection to \(url) was closed")
                : WebSocketFailure(.websocket, "the connection to \(url) failed: \(Wording.error(error))")
        }
        opening.decide(.failed(end))
        inbox.finish(end)
        registry.remove(self)
        ended.decide(())
    }

    /// Serves an open connection: hands the writer over, buffers received messages and closes when asked.
    private func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        guard !Task.isCancelled, opening.decide(.opened(outbound)) else { return }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.closeWhenAsked(outbound) }
            var messages = inbound.messages(maxSize: Self.maxMessageSize).makeAsyncIterator()
            while let message = try await messages.next() {
                switch message {
                case .text(let text): inbox.push(text)
                case .binary(let buffer): inbox.push(String(buffer: buffer))
                }
            }
            group.cancelAll()
        }
    }

    /// Performs the closing handshake once asked, and drops the connection if the server does not finish it.
    private func closeWhenAsked(_ outbound: WebSocketOutboundWriter) async {
        guard await closeRequested.value() != nil else { return }
        try? await outbound.close(.normalClosure, reason: nil)
        do {
            try await Task.sleep(for: Self.closeGrace)
        } catch {
            return
        }
        cancelTask()
    }

    /// Why a connection that ended without error ended.
    private func closedEnd(_ frame: WebSocketCloseFrame?) -> WebSocketFailure {
        if closeRequested.current != nil { return WebSocketFailure(.closed, "the connection to \(url) was closed") }
        guard let frame else { return WebSocketFailure(.closed, "the server closed the connection to \(url)") }
        let reason = frame.reason.flatMap { $0.isEmpty ? nil : ", reason '\($0)'" } ?? ""
        return WebSocketFailure(
            .closed, "the server closed the connection to \(url) (code \(Wording.closeCode(frame.closeCode))\(reason))"
        )
    }
}
