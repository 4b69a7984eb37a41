import RedisServerProcess
import StampedePluginAPI
import StampedeRedisAdapter
import Testing

/// The `redis` adapter against a real redis-server started by each test.
@Suite("redis adapter")
struct RedisAdapterTests {
    static let player = PlayerInfo(id: 1, behaviour: "test")

    /// Starts redis-server, makes a `redis` target on it, runs `body`, tears down and stops the server.
    func withTarget(_ settings: [String: ActionValue] = [:], _ body: (any ActionTarget) async throws -> Void) async throws {
        let server = try await RedisServer.start()
        var settings = settings
        settings["port"] = settings["port"] ?? .number(Double(server.port))
        let target = try RedisAdapter.makeTarget(TargetConfig(name: "cache", settings: settings))
        do {
            try await body(target)
        } catch {
            await target.teardown()
            server.stop()
            throw error
        }
        await target.teardown()
        server.stop()
    }

    func perform(_ target: any ActionTarget, _ action: String, _ parameters: [String: ActionValue], captures: [String: String] = [:]) async
        -> ActionOutcome
    {
        let request = ActionRequest(action: action, parameters: parameters, captures: captures, player: Self.player)
        return await target.perform(request, session: target.makeSession(for: Self.player))
    }

    static func args(_ words: String...) -> ActionValue { .list(words.map { .string($0) }) }

    @Test func commandsRoundTripWithExpectAndCaptures() async throws {
        try await withTarget { target in
            let set = await perform(target, "command", ["args": Self.args("SET", "greeting", "hello"), "expect": .string("OK")])
            #expect(set.isOK, "\(set.status)")
            #expect(set.tags == ["command": "SET"])
            let get = await perform(target, "command", ["args": Self.args("get", "greeting")], captures: ["value": "reply"])
            #expect(get.isOK)
            #expect(get.captured == ["value": "hello"])
            #expect(get.tags == ["command": "GET"])
            _ = await perform(target, "command", ["args": Self.args("RPUSH", "list", "a", "b", "c")])
            let range = await perform(target, "command", ["args": Self.args("LRANGE", "list", "0", "-1")], captures: ["second": "reply[1]"])
            #expect(range.captured == ["second": "b"])
        }
    }

    @Test func errorRepliesAndMismatchesFail() async throws {
        try await withTarget { target in
            _ = await perform(target, "command", ["args": Self.args("SET", "k", "v")])
            let wrongType = await perform(target, "command", ["args": Self.args("LPUSH", "k", "x")])
            guard case .error(let kind, let message) = wrongType.status else {
                Issue.record("expected an error, got \(wrongType.status)")
                return
            }
            #expect(kind == "redis_error")
            #expect(message.hasPrefix("WRONGTYPE"))
            let mismatch = await perform(target, "command", ["args": Self.args("INCR", "n"), "expect": .string("2")])
            #expect(mismatch.status == .error(kind: "expect_mismatch", message: "expected the reply '2', got '1'"))
            let missing = await perform(target, "command", ["args": Self.args("GET", "k")], captures: ["x": "reply[3]"])
            #expect({ if case .error("capture_missing", _) = missing.status { true } else { false } }())
            let empty = await perform(target, "command", ["args": .list([])])
            #expect({ if case .error("invalid_request", _) = empty.status { true } else { false } }())
        }
    }

    @Test func scriptsRunAtomicallyWithKeysAndArguments() async throws {
        try await withTarget { target in
            let script = "redis.call('SET', KEYS[1], ARGV[1]); return redis.call('INCRBY', KEYS[2], ARGV[2])"
            for expected in ["5", "10"] {
                let outcome = await perform(
                    target, "eval",
                    ["script": .string(script), "keys": Self.args("a", "b"), "args": Self.args("x", "5"), "expect": .string(expected)])
                #expect(outcome.isOK, "\(outcome.status)")
                #expect(outcome.tags == ["command": "EVALSHA"])
            }
            let failing = await perform(target, "eval", ["script": .string("return redis.error_reply('NOPE no way')")])
            #expect(failing.status == .error(kind: "redis_error", message: "NOPE no way"))
        }
    }

    @Test func refusedConnectionIsAConnectError() async throws {
        // A port that was free a moment ago: nothing listens there.
        let server = try await RedisServer.start()
        let port = server.port
        server.stop()
        let target = try RedisAdapter.makeTarget(TargetConfig(name: "cache", settings: ["port": .number(Double(port)), "timeout": .number(1)]))
        let outcome = await perform(target, "command", ["args": Self.args("PING")])
        await target.teardown()
        guard case .error(let kind, let message) = outcome.status else {
            Issue.record("expected an error, got \(outcome.status)")
            return
        }
        #expect(kind == "connect")
        #expect(message.contains("\(port)"))
    }

    @Test(arguments: [
        (["port": ActionValue.number(0)], "target 'cache': port must be a whole number from 1 to 65535"),
        (["pool_size": .number(0)], "target 'cache': pool_size must be a whole number from 1 to 1024"),
        (["timeout": .number(-1)], "target 'cache': timeout must be a positive duration"),
    ])
    func invalidSettings(settings: [String: ActionValue], message: String) {
        #expect(throws: TargetConfigError.self) { try RedisAdapter.makeTarget(TargetConfig(name: "cache", settings: settings)) }
        do {
            _ = try RedisAdapter.makeTarget(TargetConfig(name: "cache", settings: settings))
        } catch {
            #expect("\(error)" == message)
        }
    }
}
