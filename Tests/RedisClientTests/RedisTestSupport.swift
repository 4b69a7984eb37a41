import RedisClient
import RedisServerProcess
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a redis-server and a client on it, runs `body`, then always closes the client, stops the server and checks
/// that the server process is gone.
func withRedis(
    poolSize: Int = 4,
    commandTimeout: Duration? = .seconds(5),
    choice: ConnectionChoice = .leastLoaded,
    _ body: (RedisServer, RedisClient) async throws -> Void
) async throws {
    let server = try await RedisServer.start()
    let client = RedisClient(configuration: RedisConfiguration(
        host: server.host, port: server.port, poolSize: poolSize, commandTimeout: commandTimeout, choice: choice
    ))
    var failure: (any Error)?
    do {
        try await body(server, client)
    } catch {
        failure = error
    }
    let pid = server.processIdentifier
    client.close()
    server.stop()
    #expect(server.processIdentifier == nil)
    if let pid { #expect(!processExists(pid), "redis-server \(pid) is still running") }
    if let failure { throw failure }
}

/// True while a process with this id exists (zombies included).
func processExists(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno != ESRCH
}

/// Runs `operation` and returns the `RedisError` it throws, or nil if it succeeds or throws something else.
func redisError(_ operation: () async throws -> Void) async -> RedisError? {
    do {
        try await operation()
        return nil
    } catch let error as RedisError {
        return error
    } catch {
        return nil
    }
}
