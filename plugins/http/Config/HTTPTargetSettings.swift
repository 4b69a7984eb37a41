import StampedePluginAPI

/// The checked `config:` of an `http` target.
public struct HTTPTargetSettings: Sendable, Equatable {
    /// `base_url` without its trailing slashes, e.g. `http://127.0.0.1:8080/api`.
    public var baseURL: String
    /// Connections kept open per host.
    public var poolSize: Int
    /// The default request timeout, in seconds.
    public var timeout: Double
    /// Whether connections are reused between requests.
    public var keepAlive: Bool
    /// Headers sent with every request (name → value).
    public var headers: [String: String]

    /// The defaults of the optional settings.
    public enum Defaults {
        /// Connections per host.
        public static let poolSize = 64
        /// Seconds a request may take.
        public static let timeout = 30.0
    }

    /// Reads and checks a target's settings.
    /// - Throws: ``TargetConfigError`` when `base_url` is missing or not an http(s) URL, `pool_size` is not a
    ///   positive whole number or `timeout` is not a positive number of seconds.
    public init(_ config: TargetConfig) throws(TargetConfigError) {
        let settings = config.settings
        guard let base = settings["base_url"]?.text else {
            throw TargetConfigError(target: config.name, setting: "base_url", problem: "is required (e.g. http://localhost:8080)")
        }
        guard Self.isHTTPURL(base) else {
            throw TargetConfigError(target: config.name, setting: "base_url", problem: "must start with http:// or https://, got '\(base)'")
        }
        var trimmed = Substring(base)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        baseURL = String(trimmed)

        poolSize = Defaults.poolSize
        if let value = settings["pool_size"] {
            guard let number = value.number, number >= 1, number == number.rounded(), number <= 1_000_000 else {
                throw TargetConfigError(target: config.name, setting: "pool_size", problem: "must be a whole number of at least 1")
            }
            poolSize = Int(number)
        }

        timeout = Defaults.timeout
        if let value = settings["timeout"] {
            guard let seconds = value.number, seconds > 0, seconds.isFinite else {
                throw TargetConfigError(target: config.name, setting: "timeout", problem: "must be a positive duration")
            }
            timeout = seconds
        }

        keepAlive = settings["keep_alive"]?.bool ?? true
        headers = (settings["headers"]?.map ?? [:]).compactMapValues(\.text)
    }

    /// Whether `text` starts with `http://` or `https://` (in any case) and has something after it.
    static func isHTTPURL(_ text: String) -> Bool {
        let lower = text.prefix(8).lowercased()
        if lower.hasPrefix("http://") { return text.utf8.count > 7 }
        if lower.hasPrefix("https://") { return text.utf8.count > 8 }
        return false
    }
}
