import CoreMetrics
import Foundation
import Logging
import Matchmaker
import MatchmakingCore
import MatchmakingTelemetry
import RedisClient
import RedisServerProcess
import ServiceLifecycle

// The matchmaker alone, without HTTP or a load generator: TICKETS single-player tickets queued in a fresh
// redis-server through the ticket service, then WORKERS loops (FIFO 5v5, matches recorded rather than given a game
// server) form matches until every ticket is matched. Prints the matching rate and the CPU per ticket of this
// process (the matchmaker) and of redis-server while matching. scripts/bench/matchmaker-alone.sh runs it.
//
// Usage: stampede-matchmaker-bench [TICKETS] [WORKERS]    (default 100000 2)

let arguments = CommandLine.arguments.dropFirst().map { Int($0) }
guard arguments.allSatisfy({ ($0 ?? 0) > 0 }) else {
    FileHandle.standardError.write(Data("usage: stampede-matchmaker-bench [TICKETS] [WORKERS] (positive numbers)\n".utf8))
    exit(2)
}
let tickets = arguments.first.flatMap { $0 } ?? 100_000
let workers = arguments.dropFirst().first.flatMap { $0 } ?? 2

let server = try await RedisServer.start()
let redis = RedisClient(configuration: RedisConfiguration(host: server.host, port: server.port, poolSize: 4, choice: .fillFirst()))
let settings = MatchmakingSettings()
let metrics = MatchmakingMetrics(factory: NOOPMetricsHandler.instance)
let service = RedisTicketService(redis: redis, settings: settings, metrics: metrics)
var logger = Logger(label: "matchmaker-bench")
logger.logLevel = .error
var failure: (any Error)?
do {
    let lanes = 64
    try await withThrowingTaskGroup(of: Void.self) { group in
        for lane in 0..<lanes {
            group.addTask {
                for index in stride(from: lane, to: tickets, by: lanes) {
                    _ = try await service.join(JoinRequest(players: ["player-\(index)"]))
                }
            }
        }
        try await group.waitForAll()
    }
    print("queued \(tickets) tickets; matching with \(workers) worker(s)")
    let queue = MatchQueue(redis: redis, settings: settings)
    let worker = MatchmakerWorker(
        redis: redis, settings: settings, allocator: RecordingAllocator(redis: redis, settings: settings),
        metrics: metrics, options: MatchmakerOptions(workers: workers), logger: logger
    )
    let services = ServiceGroup(configuration: .init(services: [.init(service: worker)], logger: logger))
    let ownPid = getpid()
    let cpuSeconds = { (pid: Int32) in ProcessStat.current(pid: pid)?.cpuSeconds }
    let redisPid = server.processIdentifier ?? 0
    let cpuBefore = (cpuSeconds(ownPid) ?? 0, cpuSeconds(redisPid) ?? 0)
    let clock = ContinuousClock()
    let start = clock.now
    let elapsed = try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await services.run() }
        while (try await queue.stats()["matched"] ?? 0) < tickets {
            try await Task.sleep(for: .milliseconds(10))
        }
        let elapsed = clock.now - start
        await services.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return elapsed
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let matchmakerCPU = (cpuSeconds(ownPid) ?? 0) - cpuBefore.0
    let redisCPU = (cpuSeconds(redisPid) ?? 0) - cpuBefore.1
    let stats = try await queue.stats()
    print(String(format: "matched %d tickets in %d matches in %.2f s: %.0f tickets/s", stats["matched"] ?? 0,
                 stats["matches"] ?? 0, seconds, Double(tickets) / seconds))
    print(String(format: "CPU per ticket: matchmaker %.1f µs, redis-server %.1f µs", matchmakerCPU * 1e6 / Double(tickets),
                 redisCPU * 1e6 / Double(tickets)))
    if stats["matched"] != tickets || stats["matches"] != tickets / settings.matchSize {
        print("error: expected \(tickets) tickets in \(tickets / settings.matchSize) matches")
        failure = CancellationError()
    }
} catch {
    failure = error
}
service.shutdown()
redis.close()
server.stop()
if let failure {
    FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
    exit(1)
}
