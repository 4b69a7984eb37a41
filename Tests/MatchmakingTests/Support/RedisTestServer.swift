import Foundation
import MatchmakingCore
import RedisClient
import RedisServerProcess
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a redis-server on a free loopback port and a client on it, runs `body`, then always closes the client,
/// stops the server and checks that its process is gone.
func withTestRedis<T>(
    poolSize: Int = 4, commandTimeout: Duration? = .seconds(10),
    _ body: (RedisServer, RedisClient) async throws -> T
) async throws -> T {
    let server = try await RedisServer.start()
    let client = RedisClient(configuration: RedisConfiguration(
        host: server.host, port: server.port, poolSize: poolSize, commandTimeout: commandTimeout
    ))
    let result: Result<T, any Error>
    do {
        result = .success(try await body(server, client))
    } catch {
        result = .failure(error)
    }
    let pid = server.processIdentifier
    client.close()
    server.stop()
    if let pid { #expect(kill(pid, 0) != 0 && errno == ESRCH, "redis-server \(pid) is still running") }
    return try result.get()
}

/// Every ticket hash under `prefix` (`{prefix}t:*`), decoded, by id.
func allTickets(_ redis: RedisClient, prefix: String = "mm:") async throws -> [String: Ticket] {
    var cursor = "0"
    var keys: [String] = []
    repeat {
        let reply = try await redis.send(["SCAN", cursor, "MATCH", prefix + "t:*", "COUNT", "5000"])
        cursor = reply.array?[0].string ?? "0"
        keys += (reply.array?[1].array ?? []).compactMap(\.string)
    } while cursor != "0"
    let fields = ["id", "players", "mmr", "region", "status", "createdAt", "resolvedAt", "matchId", "url", "gameId", "reason"]
    var tickets: [String: Ticket] = [:]
    for start in stride(from: 0, to: keys.count, by: 2000) {
        let chunk = Array(keys[start..<min(keys.count, start + 2000)])
        let replies = try await redis.pipeline(chunk.map { ["HMGET", $0] + fields })
        for reply in replies {
            guard let values = reply.array, let id = values[0].string else { continue }
            let status = values[4].string.flatMap(TicketStatus.init(rawValue:)) ?? .searching
            tickets[id] = Ticket(
                id: id, players: (values[1].string ?? "").split(separator: "\u{1F}").map(String.init),
                mmr: values[2].int ?? 0, region: values[3].string ?? "", status: status,
                createdAt: values[5].string.flatMap(Double.init) ?? 0, resolvedAt: values[6].string.flatMap(Double.init),
                matchId: values[7].string, server: values[8].string.map { ServerAssignment(url: $0, gameId: values[9].string ?? "") },
                reason: values[10].string
            )
        }
    }
    return tickets
}
