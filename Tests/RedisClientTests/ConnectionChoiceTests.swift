import RedisClient
import Synchronization
import Testing

/// Which connection of the pool takes a command: piling onto one connection (fillFirst) for pipelining, or the least
/// loaded one so that a blocking command holds nothing up.
@Suite("Redis connection choice")
struct ConnectionChoiceTests {
    @Test("fillFirst sends concurrent commands below its limit on one connection")
    func fillFirstUsesOneConnection() async throws {
        try await withRedis(poolSize: 4, choice: .fillFirst(limit: 10_000)) { _, client async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<100 {
                    group.addTask { for _ in 0..<20 { _ = try await client.send(["INCR", "hits"]) } }
                }
                try await group.waitForAll()
            }
            #expect(try await client.send(["GET", "hits"]).int == 2000)
            // Connections open with their first command: only one ever did.
            #expect(try await connectedClients(client) == 1)
        }
    }

    @Test("leastLoaded spreads concurrent commands over the pool")
    func leastLoadedSpreads() async throws {
        try await withRedis(poolSize: 4, choice: .leastLoaded) { _, client async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<100 {
                    group.addTask { for _ in 0..<20 { _ = try await client.send(["INCR", "hits"]) } }
                }
                try await group.waitForAll()
            }
            #expect(try await connectedClients(client) > 1)
        }
    }

    @Test("a blocking command holds up no later command", arguments: [ConnectionChoice.leastLoaded, .fillFirst(limit: 1)])
    func blockingCommandHoldsNothingUp(choice: ConnectionChoice) async throws {
        try await withRedis(poolSize: 2, choice: choice) { _, client async throws in
            let popped = Atomic<Bool>(false)
            let blocked = Task {
                let value = try await client.send(["BLPOP", "jobs", "4"])
                popped.store(true, ordering: .sequentiallyConsistent)
                return value
            }
            try await Task.sleep(for: .milliseconds(200))
            // Answered on the other connection while BLPOP still waits.
            #expect(try await client.send(["SET", "k", "v"]).string == "OK")
            #expect(try await client.send(["GET", "k"]).string == "v")
            let stillWaiting = !popped.load(ordering: .sequentiallyConsistent)
            #expect(stillWaiting)
            _ = try await client.send(["RPUSH", "jobs", "done"])
            #expect(try await blocked.value.array?.last?.string == "done")
        }
    }

    /// The number of client connections the server has (the client's own).
    private func connectedClients(_ client: RedisClient) async throws -> Int {
        let list = try await client.send(["CLIENT", "LIST"]).string ?? ""
        return list.split(separator: "\n").count
    }
}
