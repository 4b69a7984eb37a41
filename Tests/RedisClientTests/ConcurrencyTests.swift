import RedisClient
import Testing

@Suite("Redis concurrency")
struct ConcurrencyTests {
    @Test("200 concurrent tasks × 50 INCRs give exactly 10,000")
    func concurrentIncrements() async throws {
        try await withRedis { _, client async throws in
            let increment = RedisCommand(["INCR", "hits"])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        for _ in 0..<50 { _ = try await client.send(increment) }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await client.send(["GET", "hits"]).int == 10_000)
        }
    }

    @Test("pipelined throughput with 256 concurrent callers")
    func throughput() async throws {
        try await withRedis { _, client async throws in
            let callers = 256
            let perCaller = 200
            let increment = RedisCommand(["INCR", "throughput"])
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<callers {
                        group.addTask {
                            for _ in 0..<perCaller { _ = try await client.send(increment) }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let total = callers * perCaller
            #expect(try await client.send(["GET", "throughput"]).int == total)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("redis client throughput: \(Int(Double(total) / seconds)) commands/s (\(total) INCRs, \(callers) callers)")
        }
    }
}
