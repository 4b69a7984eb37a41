import StampedePluginAPI

/// The validated settings of one `websocket` target.
struct WebSocketTargetConfiguration: Sendable {
    /// The base URL without a trailing slash, e.g. `ws://127.0.0.1:8080/api`.
    var baseURL: String
    /// How long opening a connection may take.
    var connectTimeout: Duration

    /// Reads a target's `config:`.
    /// - Throws: ``TargetConfigError`` when `base_url` is missing or not a ws:// or wss:// URL.
    init(_ config: TargetConfig) throws(TargetConfigError) {
        guard let base = config.settings["base_url"]?.text, !base.isEmpty else {
            throw TargetConfigError(target: config.name, setting: "base_url", problem: "is required (ws://… or wss://…)")
        }
        guard Self.isWebSocketURL(base), base.count > (base.hasPrefix("wss://") ? 6 : 5) else {
            throw TargetConfigError(target: config.name, setting: "base_url", problem: "must be a ws:// or wss:// URL, got '\(base)'")
        }
        var trimmed = Substring(base)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        baseURL = String(trimmed)
        let seconds = config.settings["connect_timeout"]?.number ?? 10
        guard seconds > 0, seconds.isFinite else {
            throw TargetConfigError(target: config.name, setting: "connect_timeout", problem: "must be a positive duration")
        }
        connectTimeout = .seconds(seconds)
    }

    /// The URL a `connect` with this `path` opens: an absolute ws:// or wss:// path as it is, else the path joined
    /// to the base URL with exactly one slash between them.
    func url(path: String?) -> String {
        guard let path, !path.isEmpty else { return baseURL }
        if Self.isWebSocketURL(path) { return path }
        return path.hasPrefix("/") ? baseURL + path : baseURL + "/" + path
    }

    /// Whether `text` starts with a WebSocket scheme.
    static func isWebSocketURL(_ text: String) -> Bool {
        text.hasPrefix("ws://") || text.hasPrefix("wss://")
    }
}
