import StampedePluginAPI

/// The built-in `websocket` adapter: players open WebSocket connections, send messages and wait for replies.
///
/// Each player holds at most one connection (opened by `connect`, kept in its session until `close`, the next
/// `connect`, or the player's end). Received messages are buffered per connection, so `receive` sees messages
/// that arrived while the player was thinking.
public struct WebSocketAdapter: TargetAdapter {
    /// The metric counting received messages dropped because a connection's buffer was full.
    public static let droppedMessagesMetric = "ws_dropped_messages"

    /// What the `websocket` adapter offers.
    public static let declaration = AdapterDeclaration(
        name: "websocket",
        summary: "WebSocket connections: connect, send, receive and request/reply exchanges of text or JSON messages.",
        config: [
            ParameterDeclaration(name: "base_url", type: .string, required: true, summary: "The server's base URL, ws:// or wss://."),
            ParameterDeclaration(name: "connect_timeout", type: .duration, summary: "How long opening a connection may take (default 10s)."),
        ],
        actions: [
            ActionDeclaration(name: "connect", summary: "Opens the player's connection (closing any previous one).", parameters: [
                ParameterDeclaration(name: "path", type: .string, summary: "Path joined to base_url, or an absolute ws:// or wss:// URL."),
                ParameterDeclaration(name: "headers", type: .stringMap, summary: "Headers of the opening handshake."),
            ]),
            ActionDeclaration(name: "send", summary: "Sends one message.", parameters: messageParameters),
            ActionDeclaration(
                name: "receive",
                summary: "Waits for the next message (skipping messages that do not match).",
                parameters: filterParameters,
                captures: nil
            ),
            ActionDeclaration(
                name: "exchange",
                summary: "Sends a message, then waits for the matching reply; the latency is the round trip.",
                parameters: messageParameters + filterParameters,
                captures: nil
            ),
            ActionDeclaration(name: "close", summary: "Closes the player's connection with a normal close."),
        ],
        metrics: [
            MetricDeclaration(
                name: droppedMessagesMetric, kind: .counter,
                summary: "Received messages dropped, oldest first, because no receive took them before the buffer filled."
            ),
        ]
    )

    /// Makes a `websocket` target from its `config:`.
    /// - Throws: ``TargetConfigError`` when `base_url` is missing or not a ws:// or wss:// URL.
    public static func makeTarget(_ config: TargetConfig) throws -> any ActionTarget {
        try WebSocketTarget(configuration: WebSocketTargetConfiguration(config))
    }

    /// The parameters giving the message to send.
    private static let messageParameters = [
        ParameterDeclaration(name: "text", type: .string, summary: "The message, as text."),
        ParameterDeclaration(name: "json", type: .any, summary: "The message, as a value sent as JSON text."),
    ]

    /// The parameters choosing which message to wait for.
    private static let filterParameters = [
        ParameterDeclaration(name: "match", type: .string, summary: "Text the awaited message must contain."),
        ParameterDeclaration(name: "regex", type: .string, summary: "A regular expression the awaited message must match."),
        ParameterDeclaration(name: "timeout", type: .duration, summary: "How long to wait for the message (default 10s)."),
    ]
}
