import RedisClient
import Testing

@Suite("Redis scripts")
struct ScriptTests {
    @Test("SHA-1 matches known vectors and the server's SCRIPT LOAD")
    func scriptDigest() async throws {
        #expect(RedisScript("abc").sha1 == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(RedisScript("").sha1 == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        let long = String(repeating: "local s = 'é\\0'\n", count: 40) + "return 1"
        try await withRedis { _, client async throws in
            for source in ["return 1", long] {
                #expect(try await client.send(["SCRIPT", "LOAD", source]).string == RedisScript(source).sha1)
            }
        }
    }

    @Test("EVALSHA works and survives SCRIPT FLUSH")
    func evalshaSurvivesFlush() async throws {
        try await withRedis { _, client async throws in
            let script = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
            #expect(try await client.evaluate(script, keys: ["n"], arguments: ["5"]) == .integer(5))
            #expect(try await client.evaluate(script, keys: ["n"], arguments: ["2"]) == .integer(7))
            #expect(try await client.send(["SCRIPT", "FLUSH"]) == .status("OK"))
            #expect(try await client.evaluate(script, keys: ["n"], arguments: ["3"]) == .integer(10))
            let failing = RedisScript("return redis.error_reply('BOOM custom failure')")
            let error = await redisError { _ = try await client.evaluate(failing) }
            #expect(error?.kind == .server && error?.serverCode == "BOOM")
        }
    }

    @Test("a popping script never hands an item to two of 8 concurrent callers")
    func atomicPops() async throws {
        try await withRedis { _, client async throws in
            let items = (0..<1_000).map { "item-\($0)" }
            for chunk in stride(from: 0, to: items.count, by: 100) {
                _ = try await client.send(["RPUSH", "queue"] + items[chunk..<chunk + 100])
            }
            let popTen = RedisScript("""
                local out = {}
                for i = 1, 10 do
                  local v = redis.call('LPOP', KEYS[1])
                  if not v then break end
                  out[#out + 1] = v
                end
                return out
                """)
            let popped = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let batch = try await client.evaluate(popTen, keys: ["queue"]).array ?? []
                            if batch.isEmpty { return mine }
                            mine += batch.compactMap(\.string)
                        }
                    }
                }
                var all: [String] = []
                for try await part in group { all += part }
                return all
            }
            #expect(popped.count == items.count)
            #expect(Set(popped) == Set(items))
        }
    }
}
