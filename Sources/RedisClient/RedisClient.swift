import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Redis client over hiredis: a pool of connections, each with its own I/O thread and automatic pipelining.
///
/// Connections open lazily with the first command and reopen after a failure. Commands are never retried after a
/// connection failure (they may have run); the caller decides.
public final class RedisClient: Sendable {
    /// The configuration the client was created with.
    public let configuration: RedisConfiguration

    private let connections: [RedisConnection]
    /// Pending commands below which a connection takes the next one before any later one (0: least loaded first).
    private let fillLimit: Int
    private let isClosed = Atomic<Bool>(false)

    /// Creates a client and the threads of its `poolSize` connections (which connect on first use).
    public init(configuration: RedisConfiguration) {
        _ = ignoreBrokenPipe
        self.configuration = configuration
        if case .fillFirst(let limit) = configuration.choice { fillLimit = limit } else { fillLimit = 0 }
        connections = (0..<configuration.poolSize).map { index in
            RedisConnection(configuration: configuration, name: "redis-\(configuration.port)-\(index)")
        }
    }

    deinit {
        close()
    }

    /// Sends one command with text arguments, e.g. `["SET", "key", "value"]`.
    /// - Throws: ``RedisError``; an error reply throws with kind ``RedisError/Kind/server``.
    public func send(_ arguments: [String]) async throws -> RedisValue {
        try await send(RedisCommand(arguments))
    }

    /// Sends one command with binary arguments.
    /// - Throws: ``RedisError``; an error reply throws with kind ``RedisError/Kind/server``.
    public func send(_ arguments: [[UInt8]]) async throws -> RedisValue {
        try await send(RedisCommand(arguments))
    }

    /// Sends one pre-encoded command.
    /// - Throws: ``RedisError``; an error reply throws with kind ``RedisError/Kind/server``.
    public func send(_ command: RedisCommand) async throws -> RedisValue {
        let value = try await execute(command)
        if case .error(let message) = value { throw RedisError.server(message) }
        return value
    }

    /// Sends one command and returns its reply as is: an error reply comes back as ``RedisValue/error(_:)``.
    public func execute(_ command: RedisCommand) async throws -> RedisValue {
        guard !isClosed.load(ordering: .relaxed) else { throw RedisError.closed }
        let connection = connectionToUse()
        return try await withUnsafeThrowingContinuation { continuation in
            connection.enqueue(.single(command, continuation))
        }
    }

    /// Sends text commands back to back on one connection; error replies are returned in place as
    /// ``RedisValue/error(_:)``. Throws only when the connection fails.
    public func pipeline(_ commands: [[String]]) async throws -> [RedisValue] {
        try await pipeline(commands.map(RedisCommand.init))
    }

    /// Sends pre-encoded commands back to back on one connection; error replies are returned in place.
    public func pipeline(_ commands: [RedisCommand]) async throws -> [RedisValue] {
        guard !isClosed.load(ordering: .relaxed) else { throw RedisError.closed }
        guard !commands.isEmpty else { return [] }
        let connection = connectionToUse()
        return try await withUnsafeThrowingContinuation { continuation in
            connection.enqueue(.batch(commands, continuation))
        }
    }

    /// Closes every connection: queued and in-flight commands fail with ``RedisError/Kind/closed``, as does every
    /// later command. Does not wait for the I/O threads to finish.
    public func close() {
        guard !isClosed.exchange(true, ordering: .relaxed) else { return }
        for connection in connections { connection.close() }
    }

    /// The connection that takes the next command, as ``RedisConfiguration/choice`` says.
    private func connectionToUse() -> RedisConnection {
        var best = connections[0]
        var bestLoad = Int.max
        for connection in connections {
            let load = connection.pendingCount.load(ordering: .relaxed)
            if load < fillLimit { return connection }
            if load < bestLoad {
                best = connection
                bestLoad = load
                if load == 0 { break }
            }
        }
        return best
    }
}

/// Writes to a socket closed by the server must fail with EPIPE, not kill the process (hiredis uses `write`).
private let ignoreBrokenPipe: Void = {
    _ = signal(SIGPIPE, SIG_IGN)
}()
