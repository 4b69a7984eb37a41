extension RedisClient {
    /// Runs `script` with EVALSHA; on NOSCRIPT (first use, server restart, SCRIPT FLUSH) loads it with SCRIPT LOAD
    /// and retries once.
    /// - Throws: ``RedisError``; a script error throws with kind ``RedisError/Kind/server``.
    public func evaluate(_ script: RedisScript, keys: [String] = [], arguments: [String] = []) async throws -> RedisValue {
        let command = Self.evalshaCommand(script, keys: keys, arguments: arguments)
        let first = try await execute(command)
        guard case .error(let message) = first else { return first }
        guard message.hasPrefix("NOSCRIPT") else { throw RedisError.server(message) }
        try await load(script)
        return try await send(command)
    }

    /// Loads `script` into the server's script cache (SCRIPT LOAD) and checks the returned SHA-1.
    public func load(_ script: RedisScript) async throws {
        let reply = try await send(["SCRIPT", "LOAD", script.source])
        guard reply.string == script.sha1 else {
            throw RedisError(kind: .invalidReply, message: "SCRIPT LOAD returned \(reply), expected \(script.sha1)")
        }
    }

    private static func evalshaCommand(_ script: RedisScript, keys: [String], arguments: [String]) -> RedisCommand {
        RedisCommand(["EVALSHA", script.sha1, String(keys.count)] + keys + arguments)
    }
}
