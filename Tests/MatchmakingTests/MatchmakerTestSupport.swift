import Logging
import Matchmaker
import MatchmakingCore
import Metrics
import Prometheus
import RedisClient
import ServiceLifecycle
import Synchronization
import Testing

/// Runs a ``MatchmakerWorker`` on `redis` in a service group while `body` runs, then shuts it down gracefully.
func withMatchmaker<T>(
    redis: RedisClient, settings: MatchmakingSettings, allocator: (any MatchAllocator)? = nil,
    metrics: MatchmakingMetrics = MatchmakingMetrics(factory: PrometheusMetricsFactory(registry: PrometheusCollectorRegistry())),
    options: MatchmakerOptions = MatchmakerOptions(workers: 2, housekeepingInterval: .milliseconds(100)),
    _ body: () async throws -> T
) async throws -> T {
    var logger = Logger(label: "matchmaker-test")
    logger.logLevel = .critical
    let worker = MatchmakerWorker(
        redis: redis, settings: settings,
        allocator: allocator ?? RecordingAllocator(redis: redis, settings: settings, serverHost: "game.test:7000"),
        metrics: metrics, options: options, logger: logger
    )
    let group = ServiceGroup(configuration: .init(services: [.init(service: worker)], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        do {
            let result = try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
    }
}

/// Polls `condition` every `interval` until it holds or `timeout` passes; returns whether it held.
func eventually(
    timeout: Duration = .seconds(10), every interval: Duration = .milliseconds(20), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}

/// Joins `requests` concurrently, `concurrency` at a time; returns the tickets in request order.
func joinAll(_ service: RedisTicketService, _ requests: [JoinRequest], concurrency: Int = 500) async throws -> [Ticket] {
    var tickets = [Ticket?](repeating: nil, count: requests.count)
    for start in stride(from: 0, to: requests.count, by: concurrency) {
        let end = min(requests.count, start + concurrency)
        try await withThrowingTaskGroup(of: (Int, Ticket).self) { group in
            for index in start..<end {
                group.addTask { (index, try await service.join(requests[index])) }
            }
            for try await (index, ticket) in group { tickets[index] = ticket }
        }
    }
    return tickets.compactMap { $0 }
}

/// Checks the invariants of every matched ticket: each match has `matchSize` distinct players, no player is in two
/// matches, tickets of a match share its region and server. Returns the matches by id.
@discardableResult
func checkMatches(_ tickets: [String: Ticket], matchSize: Int = 10) -> [String: [Ticket]] {
    let matched = tickets.values.filter { $0.status == .matched }
    let matches = Dictionary(grouping: matched) { $0.matchId ?? "" }
    #expect(matches[""] == nil, "a matched ticket without match id")
    var seen = Set<String>()
    for (matchId, members) in matches {
        let players = members.flatMap(\.players)
        #expect(players.count == matchSize, "match \(matchId) has \(players.count) players")
        #expect(Set(players).count == players.count, "match \(matchId) lists a player twice")
        #expect(Set(members.map(\.region)).count == 1, "match \(matchId) mixes regions")
        #expect(Set(members.compactMap(\.server?.url)) == ["ws://game.test:7000/game/\(matchId)"])
        for player in players {
            #expect(seen.insert(player).inserted, "player \(player) is in two matches")
        }
    }
    return matches
}

/// An allocator failing its first `failures` calls, then recording matches like the default one.
final class FlakyAllocator: MatchAllocator {
    struct Refused: Error {}
    private let inner: RecordingAllocator
    private let remaining: Mutex<Int>
    /// The matches it refused, in call order.
    let refused = Mutex<[MatchProposal]>([])

    init(failures: Int, redis: RedisClient, settings: MatchmakingSettings) {
        inner = RecordingAllocator(redis: redis, settings: settings, serverHost: "game.test:7000")
        remaining = Mutex(failures)
    }

    func allocate(_ match: MatchProposal) async throws -> ServerAssignment {
        let fail = remaining.withLock { remaining in
            guard remaining > 0 else { return false }
            remaining -= 1
            return true
        }
        if fail {
            refused.withLock { $0.append(match) }
            throw Refused()
        }
        return try await inner.allocate(match)
    }
}

/// A fresh Prometheus registry and matchmaking metrics on it.
func testMetrics() -> (PrometheusCollectorRegistry, MatchmakingMetrics) {
    let registry = PrometheusCollectorRegistry()
    return (registry, MatchmakingMetrics(factory: PrometheusMetricsFactory(registry: registry)))
}

/// The value of the sample line starting with `series` (name and labels as emitted) in `registry`'s text.
func sample(_ registry: PrometheusCollectorRegistry, _ series: String) -> Double? {
    for line in registry.emitToString().split(separator: "\n") where line.hasPrefix(series + " ") {
        return Double(line.dropFirst(series.count + 1))
    }
    return nil
}
