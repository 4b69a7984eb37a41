import RedisClient
import StampedePluginAPI

/// The checked `config:` of a `redis` target.
struct RedisTargetSettings: Sendable {
    /// The client's configuration.
    var configuration: RedisConfiguration

    /// Reads and checks a target's settings.
    /// - Throws: ``TargetConfigError`` for a port outside 1–65535, a pool size below 1 or a non-positive timeout.
    init(_ config: TargetConfig) throws(TargetConfigError) {
        let settings = config.settings
        let host = settings["host"]?.text ?? "127.0.0.1"
        var port = 6379
        if let value = settings["port"] {
            guard let number = value.number, number == number.rounded(), (1...65535).contains(number) else {
                throw TargetConfigError(target: config.name, setting: "port", problem: "must be a whole number from 1 to 65535")
            }
            port = Int(number)
        }
        var poolSize = 4
        if let value = settings["pool_size"] {
            guard let number = value.number, number == number.rounded(), number >= 1, number <= 1024 else {
                throw TargetConfigError(target: config.name, setting: "pool_size", problem: "must be a whole number from 1 to 1024")
            }
            poolSize = Int(number)
        }
        var timeout = 5.0
        if let value = settings["timeout"] {
            guard let seconds = value.number, seconds > 0, seconds.isFinite else {
                throw TargetConfigError(target: config.name, setting: "timeout", problem: "must be a positive duration")
            }
            timeout = seconds
        }
        var database: Int?
        if let value = settings["database"] {
            guard let number = value.number, number == number.rounded(), number >= 0 else {
                throw TargetConfigError(target: config.name, setting: "database", problem: "must be a whole number of at least 0")
            }
            database = Int(number)
        }
        configuration = RedisConfiguration(
            host: host, port: port, poolSize: poolSize, connectTimeout: .milliseconds(Int64(timeout * 1000)),
            commandTimeout: .milliseconds(Int64(timeout * 1000)), password: settings["password"]?.text, database: database)
    }
}
