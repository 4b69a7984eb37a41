import RedisClient
import StampedePluginAPI
import Synchronization

/// A target of the `redis` adapter: one pooled client shared by every player of the run.
final class RedisTarget: ActionTarget {
    /// The client.
    let client: RedisClient
    /// Scripts of `eval` actions by source, hashed once.
    private let scripts = Mutex<[String: RedisScript]>([:])

    /// A target with these settings.
    init(settings: RedisTargetSettings) {
        client = RedisClient(configuration: settings.configuration)
    }

    /// Closes the client's connections.
    func teardown() async {
        client.close()
    }

    /// Sends the command (or runs the script) an action asks for.
    func perform(_ request: ActionRequest, session: any PlayerSession) async -> ActionOutcome {
        let parameters = request.parameters
        let reply: RedisValue
        let command: String
        let bytesOut: Int
        do {
            switch request.action {
            case "command":
                let arguments = (parameters["args"]?.list ?? []).map { $0.text ?? "" }
                guard let name = arguments.first, !name.isEmpty else {
                    return .error("invalid_request", "the command action needs args with the command name first, e.g. [GET, key]")
                }
                command = name.uppercased()
                bytesOut = arguments.reduce(0) { $0 + $1.utf8.count + 8 }
                reply = try await client.execute(RedisCommand(arguments))
            case "eval":
                guard let source = parameters["script"]?.text, !source.isEmpty else {
                    return .error("invalid_request", "the eval action needs a script")
                }
                let keys = (parameters["keys"]?.list ?? []).map { $0.text ?? "" }
                let arguments = (parameters["args"]?.list ?? []).map { $0.text ?? "" }
                command = "EVALSHA"
                bytesOut = 60 + (keys + arguments).reduce(0) { $0 + $1.utf8.count + 8 }
                reply = try await evaluate(source, keys: keys, arguments: arguments)
            default:
                return .error("invalid_request", "the redis adapter has no action '\(request.action)'")
            }
        } catch let error as RedisError {
            return .error(Self.kind(of: error), error.description)
        } catch {
            return .error("redis_error", "\(error)")
        }
        let tags = ["command": command]
        let text = ReplyText.text(of: reply)
        let bytesIn = ReplyText.size(of: reply)
        if case .error(let message) = reply {
            return ActionOutcome(status: .error(kind: "redis_error", message: message), bytesIn: bytesIn, bytesOut: bytesOut, tags: tags)
        }
        if let expected = parameters["expect"]?.text, expected != text {
            return ActionOutcome(
                status: .error(kind: "expect_mismatch", message: "expected the reply '\(expected)', got '\(text)'"), bytesIn: bytesIn,
                bytesOut: bytesOut, tags: tags)
        }
        var captured: [String: String] = [:]
        for (variable, expression) in request.captures {
            guard let value = ReplyText.capture(expression, from: reply) else {
                return ActionOutcome(
                    status: .error(kind: "capture_missing", message: "capture '\(variable)': \(expression) found nothing in the reply '\(text)'"),
                    bytesIn: bytesIn, bytesOut: bytesOut, tags: tags)
            }
            captured[variable] = value
        }
        return ActionOutcome(status: .ok, bytesIn: bytesIn, bytesOut: bytesOut, captured: captured, tags: tags)
    }

    /// Runs `source` with EVALSHA, hashing each distinct source once.
    private func evaluate(_ source: String, keys: [String], arguments: [String]) async throws -> RedisValue {
        let script = scripts.withLock { scripts in
            if let script = scripts[source] { return script }
            let script = RedisScript(source)
            scripts[source] = script
            return script
        }
        do {
            return try await client.evaluate(script, keys: keys, arguments: arguments)
        } catch let error as RedisError where error.kind == .server {
            return .error(error.message)
        }
    }

    /// The error kind of a client failure.
    static func kind(of error: RedisError) -> String {
        switch error.kind {
        case .timeout: "timeout"
        case .connectionFailed: "connect"
        case .connectionLost, .closed: "connection_lost"
        case .server: "redis_error"
        case .invalidReply: "redis_error"
        }
    }
}
