import RedisClient
import Testing

@Suite("Redis commands")
struct CommandTests {
    @Test("SET, GET, INCR and DEL round trip")
    func roundTrip() async throws {
        try await withRedis { _, client async throws in
            #expect(try await client.send(["SET", "greeting", "héllo"]) == .status("OK"))
            #expect(try await client.send(["GET", "greeting"]).string == "héllo")
            #expect(try await client.send(["INCR", "counter"]) == .integer(1))
            #expect(try await client.send(["INCRBY", "counter", "41"]).int == 42)
            #expect(try await client.send(["GET", "counter"]).int == 42)
            #expect(try await client.send(["DEL", "greeting", "counter", "missing"]) == .integer(2))
        }
    }

    @Test("binary-safe values keep NUL bytes and CRLF")
    func binarySafe() async throws {
        try await withRedis { _, client async throws in
            let key: [UInt8] = [0x6B, 0x00, 0x0D, 0x0A, 0xFF]
            let value: [UInt8] = [0x00, 0x01, 0x0D, 0x0A, 0x24, 0x33, 0x0D, 0x0A, 0x00, 0xFE, 0xFF]
            #expect(try await client.send([Array("SET".utf8), key, value]) == .status("OK"))
            #expect(try await client.send([Array("GET".utf8), key]) == .bulk(value))
            #expect(try await client.send([Array("STRLEN".utf8), key]) == .integer(value.count))
            let empty = try await client.send(RedisCommand(["SET", "empty", ""]))
            #expect(empty == .status("OK"))
            #expect(try await client.send(["GET", "empty"]) == .bulk([]))
        }
    }

    @Test("a missing key gives a null reply")
    func nullReply() async throws {
        try await withRedis { _, client async throws in
            let reply = try await client.send(["GET", "nothing-here"])
            #expect(reply == .null)
            #expect(reply.isNull && reply.string == nil && reply.int == nil)
        }
    }

    @Test("array replies from LRANGE and HGETALL")
    func arrays() async throws {
        try await withRedis { _, client async throws in
            #expect(try await client.send(["RPUSH", "list", "a", "b", "c"]) == .integer(3))
            #expect(try await client.send(["LRANGE", "list", "0", "-1"]) == .array([.bulk(Array("a".utf8)), .bulk(Array("b".utf8)), .bulk(Array("c".utf8))]))
            #expect(try await client.send(["LRANGE", "nolist", "0", "-1"]) == .array([]))
            _ = try await client.send(["HSET", "hash", "f1", "v1", "f2", "v2"])
            let flat = try #require(try await client.send(["HGETALL", "hash"]).array).compactMap(\.string)
            var fields: [String: String] = [:]
            for index in stride(from: 0, to: flat.count, by: 2) { fields[flat[index]] = flat[index + 1] }
            #expect(fields == ["f1": "v1", "f2": "v2"])
        }
    }

    @Test("an error reply throws a server error with the server's message")
    func errorReply() async throws {
        try await withRedis { _, client async throws in
            _ = try await client.send(["RPUSH", "list", "x"])
            let error = await redisError { _ = try await client.send(["INCR", "list"]) }
            #expect(error?.kind == .server)
            #expect(error?.serverCode == "WRONGTYPE")
            #expect(error?.message.contains("wrong kind of value") == true)
            #expect(try await client.execute(RedisCommand(["INCR", "list"])).errorMessage?.hasPrefix("WRONGTYPE") == true)
            #expect(try await client.send(["PING"]) == .status("PONG"))
        }
    }

    @Test("a pipeline keeps order and returns an error reply in place")
    func pipelineOrder() async throws {
        try await withRedis { _, client async throws in
            let replies = try await client.pipeline([
                ["SET", "p", "1"], ["INCR", "p"], ["LPUSH", "p", "x"], ["INCR", "p"], ["GET", "p"],
            ])
            #expect(replies.count == 5)
            #expect(replies[0] == .status("OK"))
            #expect(replies[1] == .integer(2))
            #expect(replies[2].errorMessage?.hasPrefix("WRONGTYPE") == true)
            #expect(replies[3] == .integer(3))
            #expect(replies[4].string == "3")
            #expect(try await client.pipeline([] as [RedisCommand]).isEmpty)
        }
    }
}
