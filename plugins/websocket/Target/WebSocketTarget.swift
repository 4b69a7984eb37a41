import StampedePluginAPI

/// One target of the `websocket` adapter: performs the actions of players, each on its own connection.
struct WebSocketTarget: ActionTarget {
    /// The target's settings.
    let configuration: WebSocketTargetConfiguration
    /// Every live connection, for teardown.
    let registry = ConnectionRegistry()
    /// Received messages dropped because a buffer was full, across connections.
    let drops = DropCounter()
    /// Compiled `regex` parameters.
    let regexes = RegexCache()

    /// A new player starts without a connection.
    func makeSession(for player: PlayerInfo) -> any PlayerSession {
        WebSocketSession()
    }

    /// Closes every connection still open, players' sessions or not.
    func teardown() async {
        await registry.shutdown()
    }

    /// How many received messages were dropped unread.
    func finalMetrics() async -> [MetricSample] {
        [MetricSample(name: WebSocketAdapter.droppedMessagesMetric, value: Double(drops.value))]
    }

    /// Performs `connect`, `send`, `receive`, `exchange` or `close`.
    func perform(_ request: ActionRequest, session: any PlayerSession) async -> ActionOutcome {
        guard let session = session as? WebSocketSession else {
            return WebSocketFailure(.websocket, "the player's session does not belong to a websocket target").outcome()
        }
        switch request.action {
        case "connect": return await connect(request, session: session)
        case "send": return await send(request, session: session)
        case "receive": return await receive(request, session: session)
        case "exchange": return await exchange(request, session: session)
        case "close": return await close(session: session)
        default: return WebSocketFailure(.websocket, "the websocket adapter has no action '\(request.action)'").outcome()
        }
    }
}
