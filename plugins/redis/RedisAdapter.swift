import RedisClient
import StampedePluginAPI

/// The built-in `redis` adapter: any Redis command (or Lua script) with templated arguments, through the project's
/// hiredis client (pooled connections, automatic pipelining), for scenarios that load Redis directly.
///
/// An action succeeds when Redis answers without an error reply and, when `expect` is given, the reply as text is
/// that value. Error kinds: `redis_error` (an error reply, e.g. WRONGTYPE; the message is Redis's), `expect_mismatch`,
/// `timeout`, `connect`, `connection_lost`, `invalid_request`. Samples are tagged with `command` (the command name,
/// upper-cased; `EVALSHA` for `eval`). Captures: `reply` (the reply as text: integers in decimal, nil as empty, arrays
/// joined by commas) or `reply[N]` (element N of an array reply).
public struct RedisAdapter: TargetAdapter {
    /// What the `redis` adapter offers.
    public static let declaration = AdapterDeclaration(
        name: "redis",
        summary: "Redis commands and Lua scripts with templated arguments (hiredis, pooled, pipelined).",
        config: [
            ParameterDeclaration(name: "host", type: .string, summary: "The server's host (default 127.0.0.1)."),
            ParameterDeclaration(name: "port", type: .integer, summary: "The server's port (default 6379)."),
            ParameterDeclaration(name: "pool_size", type: .integer, summary: "Connections to the server (default 4); commands pipeline on them."),
            ParameterDeclaration(name: "timeout", type: .duration, summary: "How long a command may take (default 5s)."),
            ParameterDeclaration(name: "password", type: .string, summary: "AUTH password, if the server wants one."),
            ParameterDeclaration(name: "database", type: .integer, summary: "SELECT this database (default 0)."),
        ],
        actions: [
            ActionDeclaration(
                name: "command", summary: "Sends one command, e.g. args: [SET, \"user:{{player.id}}\", \"1\"].",
                parameters: [
                    ParameterDeclaration(
                        name: "args", type: .stringList, required: true, summary: "The command name and its arguments (templates allowed)."),
                    ParameterDeclaration(name: "expect", type: .string, summary: "The reply text that means success, e.g. OK or 1."),
                ], captures: nil),
            ActionDeclaration(
                name: "eval", summary: "Runs a Lua script with EVALSHA (loading it on first use).",
                parameters: [
                    ParameterDeclaration(name: "script", type: .string, required: true, summary: "The Lua source."),
                    ParameterDeclaration(name: "keys", type: .stringList, summary: "KEYS of the script (templates allowed)."),
                    ParameterDeclaration(name: "args", type: .stringList, summary: "ARGV of the script (templates allowed)."),
                    ParameterDeclaration(name: "expect", type: .string, summary: "The reply text that means success."),
                ], captures: nil),
        ],
        tags: ["command"]
    )

    /// Makes a `redis` target (no connection is made before the first command).
    /// - Throws: ``TargetConfigError`` when a setting is invalid.
    public static func makeTarget(_ config: TargetConfig) throws -> any ActionTarget {
        RedisTarget(settings: try RedisTargetSettings(config))
    }
}
