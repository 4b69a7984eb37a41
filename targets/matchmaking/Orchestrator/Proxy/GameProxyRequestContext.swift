import Hummingbird
import HummingbirdWebSocket
import NIOCore
import Synchronization

/// The request context of the proxy's WebSocket router (`Router(context: GameProxyRequestContext.self)`).
///
/// Unlike `BasicWebSocketRequestContext` it keeps the connection's channel, so that a refused upgrade answers its real
/// status (401, 403, 404) instead of the 400 hummingbird-websocket writes for every refused upgrade (see
/// ``UpgradeRefusal``), and it carries what the upgrade check admitted (the verified player and the match's route) to
/// the WebSocket handler.
public struct GameProxyRequestContext: RequestContext, WebSocketRequestContext {
    /// Hummingbird's own per-request values.
    public var coreContext: CoreRequestContextStorage
    /// The WebSocket handler chosen by the router.
    public let webSocket: WebSocketHandlerReference<Self>
    /// The connection's channel.
    let channel: any Channel
    /// What the upgrade check admitted.
    let admission: AdmissionSlot

    /// A context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        webSocket = WebSocketHandlerReference()
        channel = source.channel
        admission = AdmissionSlot()
    }
}

/// A player admitted to a match by the upgrade check.
struct Admission: Sendable {
    /// The player of the verified token.
    let player: String
    /// Where the match runs.
    let route: MatchRoute
}

/// Hands the upgrade check's ``Admission`` to the WebSocket handler of the same request.
final class AdmissionSlot: Sendable {
    private let value = Mutex<Admission?>(nil)

    /// Stores the admission.
    func put(_ admission: Admission) {
        value.withLock { $0 = admission }
    }

    /// Takes the admission out (nil if there was none).
    func take() -> Admission? {
        value.withLock { slot in
            defer { slot = nil }
            return slot
        }
    }
}
