import Logging
import MatchmakingCore
import RedisClient
import ServiceLifecycle

/// The matchmaker: `workers` loops forming matches with the queue's scripts (per region), allocating each batch's
/// matches concurrently, then assigning them (or requeueing them at the front if allocation failed); plus one
/// housekeeping task timing tickets out, reclaiming tickets left `allocating` past the lease by a matchmaker that
/// died, and updating the queue-size gauges every ``MatchmakerOptions/housekeepingInterval``.
///
/// Any number of workers and processes may share one Redis. On graceful shutdown the loops form no new match but
/// finish the allocations in flight.
public struct MatchmakerWorker: Service {
    private let queue: MatchQueue
    private let allocator: any MatchAllocator
    private let metrics: MatchmakingMetrics
    private let options: MatchmakerOptions
    private let logger: Logger
    private let regions = RegionList()

    /// A matchmaker on `redis` with the queue's `settings`, allocating with `allocator`.
    public init(
        redis: RedisClient, settings: MatchmakingSettings, allocator: any MatchAllocator, metrics: MatchmakingMetrics,
        options: MatchmakerOptions = MatchmakerOptions(), logger: Logger = Logger(label: "matchmaker")
    ) {
        queue = MatchQueue(redis: redis, settings: settings, skillAnchors: options.skillAnchors)
        self.allocator = allocator
        self.metrics = metrics
        self.options = options
        self.logger = logger
    }

    /// Runs the loops until graceful shutdown or cancellation.
    public func run() async throws {
        await housekeep()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<options.workers {
                group.addTask { await matchLoop() }
            }
            group.addTask { await housekeepingLoop() }
        }
    }

    private var stopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }

    private func matchLoop() async {
        var idleSleep = options.idleSleep
        while !stopping {
            var formed = false
            for region in regions.current where !stopping {
                do {
                    let proposals = try await queue.formMatches(region: region)
                    if proposals.isEmpty { continue }
                    formed = true
                    await allocate(proposals)
                } catch {
                    logger.warning("matching in \(region) failed: \(error)")
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
            if formed {
                idleSleep = options.idleSleep
            } else {
                try? await Task.sleep(for: idleSleep)
                idleSleep = min(idleSleep * 2, options.idleSleepMax)
            }
        }
    }

    /// Allocates every proposal concurrently, assigns the successes, requeues the failures (in their order).
    private func allocate(_ proposals: [MatchProposal]) async {
        let failed = await withTaskGroup(of: (Int, Bool)?.self) { group in
            for (index, proposal) in proposals.enumerated() {
                group.addTask {
                    let server: ServerAssignment
                    do {
                        server = try await allocator.allocate(proposal)
                    } catch {
                        return (index, true)
                    }
                    do {
                        let matched = try await queue.assign(proposal, to: server)
                        record(proposal, matched: matched)
                        return nil
                    } catch {
                        logger.warning("assigning match \(proposal.matchId) failed: \(error)")
                        return (index, false)
                    }
                }
            }
            var failed: [(Int, Bool)] = []
            for await result in group {
                if let result { failed.append(result) }
            }
            return failed
        }
        guard !failed.isEmpty else { return }
        let allocationFailures = failed.filter(\.1).count
        if allocationFailures > 0 { metrics.allocationFailures.increment(by: Int64(allocationFailures)) }
        let matches = failed.map(\.0).sorted().map { proposals[$0] }
        for attempt in 1...5 {
            do {
                try await queue.requeue(matches)
                return
            } catch {
                logger.error("requeueing \(matches.count) matches failed (attempt \(attempt)): \(error)")
                try? await Task.sleep(for: .milliseconds(100 * attempt))
            }
        }
    }

    private func record(_ proposal: MatchProposal, matched: Int) {
        guard matched > 0 else { return }
        let now = unixTime()
        metrics.matchesCreated.increment()
        metrics.resolved(.matched, count: matched)
        metrics.skillSpread.record(proposal.mmrSpread)
        for ticket in proposal.tickets {
            metrics.queueTime(now - ticket.createdAt, outcome: .matched)
        }
    }

    private func housekeepingLoop() async {
        while !stopping {
            try? await Task.sleep(for: options.housekeepingInterval)
            if stopping { return }
            await housekeep()
        }
    }

    /// Refreshes the regions, reclaims tickets whose allocation lease ran out, times tickets out, updates the gauges.
    private func housekeep() async {
        do {
            regions.update(try await queue.regions())
            let reclaimed = try await queue.reclaim(lease: options.allocationLease)
            if reclaimed > 0 {
                metrics.ticketsReclaimed.increment(by: Int64(reclaimed))
                logger.warning("put \(reclaimed) tickets back in the queue: allocating for over \(options.allocationLease) s")
            }
            let expiry = try await queue.expire()
            if !expiry.expired.isEmpty {
                metrics.resolved(.timedOut, count: expiry.expired.count)
                for ticket in expiry.expired {
                    metrics.queueTime(ticket.resolvedAt - ticket.createdAt, outcome: .timedOut)
                }
            }
            for (region, size) in expiry.waiting {
                metrics.queueSize(size, region: region)
            }
        } catch {
            logger.warning("housekeeping failed: \(error)")
        }
    }
}
