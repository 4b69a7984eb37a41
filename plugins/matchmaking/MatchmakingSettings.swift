import StampedePluginAPI

/// The checked `config:` of a `matchmaking` target.
struct MatchmakingSettings: Sendable {
    /// The target's name.
    var target: String
    /// The gateway's base URL.
    var baseURL: String
    /// Connections to the gateway.
    var poolSize = 256
    /// Seconds one HTTP request may take.
    var timeout = 30.0
    /// Prefix of player ids.
    var playerPrefix: String
    /// Whether open tickets are cancelled and checked at the end.
    var finalCheck = true
    /// The game orchestrator's URL: when set, the end of the run checks that every match's game server was reaped.
    var orchestratorURL: String?

    /// Reads and checks a target's settings.
    /// - Throws: ``TargetConfigError``.
    init(_ config: TargetConfig) throws(TargetConfigError) {
        let settings = config.settings
        target = config.name
        guard let base = settings["base_url"]?.text, !base.isEmpty else {
            throw TargetConfigError(
                target: config.name, setting: "base_url",
                problem: "is required (e.g. http://127.0.0.1:8080); when it comes from {{ env.NAME }}, set NAME — "
                    + "targets/matchmaking/local.sh up prints GATEWAY_URL")
        }
        guard base.lowercased().hasPrefix("http://") else {
            throw TargetConfigError(
                target: config.name, setting: "base_url", problem: "must be a plain http:// URL (e.g. http://127.0.0.1:8080), got '\(base)'")
        }
        baseURL = base
        if let value = settings["pool_size"] {
            guard let number = value.number, number == number.rounded(), number >= 1, number <= 100_000 else {
                throw TargetConfigError(target: config.name, setting: "pool_size", problem: "must be a whole number of at least 1")
            }
            poolSize = Int(number)
        }
        if let value = settings["timeout"] {
            guard let seconds = value.number, seconds > 0, seconds.isFinite else {
                throw TargetConfigError(target: config.name, setting: "timeout", problem: "must be a positive duration")
            }
            timeout = seconds
        }
        if let prefix = settings["player_prefix"]?.text {
            guard !prefix.isEmpty, prefix.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
                throw TargetConfigError(
                    target: config.name, setting: "player_prefix", problem: "must be printable ASCII without spaces")
            }
            playerPrefix = prefix
        } else {
            playerPrefix = "p" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        }
        finalCheck = settings["final_check"]?.bool ?? true
        if let value = settings["orchestrator_url"] {
            guard let url = value.text, url.lowercased().hasPrefix("http://") else {
                throw TargetConfigError(
                    target: config.name, setting: "orchestrator_url",
                    problem: "must be a plain http:// URL (e.g. http://127.0.0.1:9000), got '\(value.text ?? "a non-text value")'; "
                        + "when it comes from {{ env.NAME }}, set NAME — targets/matchmaking/local.sh up prints ORCHESTRATOR_URL")
            }
            orchestratorURL = url
        }
    }
}
