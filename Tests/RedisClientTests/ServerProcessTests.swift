import RedisServerProcess
import Testing

@Suite("redis-server process")
struct ServerProcessTests {
    @Test("stop() ends the process, removes its directory, and is idempotent")
    func stopCleansUp() async throws {
        let server = try await RedisServer.start(extraArguments: ["--maxmemory", "64mb"])
        let pid = try #require(server.processIdentifier)
        #expect(processExists(pid))
        #expect(server.port > 0 && server.host == "127.0.0.1")
        server.stop()
        server.stop()
        #expect(!processExists(pid))
        #expect(server.processIdentifier == nil)
        #expect(!FileManagerProbe.exists(server.directory.path))
        await #expect(throws: RedisServerError.self) { try await server.restart() }
    }

    @Test("restart() keeps the port and replaces the process")
    func restartKeepsPort() async throws {
        let server = try await RedisServer.start()
        defer { server.stop() }
        let firstPid = try #require(server.processIdentifier)
        let port = server.port
        try await server.restart()
        let secondPid = try #require(server.processIdentifier)
        #expect(firstPid != secondPid && server.port == port)
        #expect(!processExists(firstPid))
    }
}
