import RedisClient
import RedisServerProcess
import Testing

@Suite("Redis failures")
struct FailureTests {
    @Test("connection refused gives connectionFailed with a clear message")
    func connectionRefused() async throws {
        let server = try await RedisServer.start()
        let port = server.port
        server.stop()
        let client = RedisClient(configuration: RedisConfiguration(host: "127.0.0.1", port: port, poolSize: 1))
        defer { client.close() }
        let clock = ContinuousClock()
        let start = clock.now
        let error = await redisError { _ = try await client.send(["PING"]) }
        // The message below says refused (not timed out); the time bound is loose: other tests may share the cores.
        #expect(clock.now - start < .seconds(5))
        #expect(error?.kind == .connectionFailed)
        #expect(error?.description == "cannot connect to redis at 127.0.0.1:\(port): Connection refused — is redis-server running?")
    }

    @Test("a command past commandTimeout times out and the client still works")
    func commandTimeout() async throws {
        try await withRedis(poolSize: 1, commandTimeout: .milliseconds(300)) { _, client async throws in
            let clock = ContinuousClock()
            let start = clock.now
            let error = await redisError { _ = try await client.send(["BLPOP", "nokey", "5"]) }
            #expect(error?.kind == .timeout)
            // Well before BLPOP's own 5 s (loose bound: other tests may share the cores).
            #expect(clock.now - start < .seconds(4.5))
            #expect(try await client.send(["PING"]) == .status("PONG"))
            #expect(try await client.send(["SET", "after", "1"]) == .status("OK"))
        }
    }

    @Test("after a server restart each connection fails at most once, then reconnects")
    func reconnectAfterRestart() async throws {
        try await withRedis(poolSize: 2) { server, client async throws in
            #expect(try await client.pipeline([["SET", "before", "1"], ["PING"]]).count == 2)
            _ = try await (client.send(["PING"]), client.send(["PING"]))
            try await server.restart()
            var failures: [RedisError.Kind] = []
            var succeeded = false
            for _ in 0..<20 where !succeeded {
                do {
                    #expect(try await client.send(["SET", "after", "2"]) == .status("OK"))
                    #expect(try await client.send(["GET", "before"]) == .null)
                    #expect(try await client.send(["GET", "after"]).int == 2)
                    succeeded = true
                } catch let error as RedisError {
                    failures.append(error.kind)
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            #expect(succeeded)
            #expect(failures.count <= 2)
            #expect(failures.allSatisfy { $0 == .connectionLost })
        }
    }

    @Test("close() fails later commands with closed")
    func closeThenSend() async throws {
        try await withRedis { _, client async throws in
            #expect(try await client.send(["PING"]) == .status("PONG"))
            client.close()
            #expect(await redisError { _ = try await client.send(["PING"]) }?.kind == .closed)
            #expect(await redisError { _ = try await client.pipeline([["PING"]]) }?.kind == .closed)
        }
    }

    @Test("close() interrupts a blocked command")
    func closeInterruptsBlockedCommand() async throws {
        try await withRedis(poolSize: 1, commandTimeout: nil) { _, client async throws in
            #expect(try await client.send(["PING"]) == .status("PONG"))
            async let blocked = redisError { _ = try await client.send(["BLPOP", "nokey", "10"]) }
            try await Task.sleep(for: .milliseconds(200))
            let clock = ContinuousClock()
            let start = clock.now
            client.close()
            #expect(await blocked?.kind == .closed)
            // Well before BLPOP's own 5 s (loose bound: other tests may share the cores).
            #expect(clock.now - start < .seconds(4.5))
        }
    }
}
