import Logging
import MatchmakingTelemetry
import RedisClient
import Synchronization

/// The game orchestrator: a game server per match on demand, within a cap, each watched until it has exited and
/// been reaped.
///
/// Every allocation that gets a slot runs a *lifecycle* task: provision (the caller waits for this part), mark the
/// match running (routable), wait for the server's exit, record the outcome (table, Redis, metrics; the proxy is
/// told when the server died without a result), give the slot back. ``shutdown()`` refuses new allocations,
/// terminates every server and waits for every lifecycle to finish, so no game server outlives it.
public final class Orchestrator: Sendable {
    private struct Lifecycles {
        var tasks: [String: Task<Void, Never>] = [:]
        var closing = false
    }

    /// The matches (the proxy's ``MatchDirectory``).
    public let table: MatchTable
    /// The settings.
    public let settings: OrchestratorSettings
    private let backend: any GameServerBackend
    private let slots: ServerSlots
    private let metrics: OrchestratorMetrics
    private let recorder: MatchOutcomeRecorder
    private let notifier: (any MatchFailureNotifier)?
    private let logger: Logger
    private let lifecycles = Mutex(Lifecycles())
    private let boundAddress = Mutex<String?>(nil)

    /// An orchestrator starting servers with `backend`, recording matches in `table`, outcomes in `redis` (nil: not
    /// recorded) and metrics on `telemetry`; `notifier` (the proxy) hears of failed matches.
    public init(
        settings: OrchestratorSettings, backend: any GameServerBackend, table: MatchTable, redis: RedisClient?,
        notifier: (any MatchFailureNotifier)?, telemetry: ServiceTelemetry, logger: Logger
    ) {
        self.settings = settings
        self.backend = backend
        self.table = table
        self.slots = ServerSlots(capacity: settings.maxServers)
        self.metrics = OrchestratorMetrics(telemetry: telemetry)
        self.recorder = MatchOutcomeRecorder(
            redis: redis, keyPrefix: settings.keyPrefix, resultTTL: settings.resultTTL, logger: logger
        )
        self.notifier = notifier
        self.logger = logger
    }

    /// `host:port` in the game URLs: the configured public address, else the address the server bound.
    public var publicAddress: String {
        settings.publicAddress ?? boundAddress.withLock { $0 } ?? "\(settings.host):\(settings.port)"
    }

    /// Tells the orchestrator where its HTTP server is bound (for the default public address).
    public func serverBound(host: String, port: Int) {
        boundAddress.withLock { $0 = "\(host):\(port)" }
    }

    /// Game servers alive now (provisioning or running, until reaped).
    public var liveServers: Int { slots.inUse }

    /// Starts a game server for `request` and returns where its players connect, once the server is ready.
    public func allocate(_ request: AllocationRequest) async throws(AllocationError) -> Allocation {
        let start = ContinuousClock.now
        if let problem = request.problem { throw .invalid(problem) }
        let matchId = request.matchId
        guard !lifecycles.withLock({ $0.closing }) else { throw .shuttingDown }
        guard table.reserve(matchId, region: request.region ?? "", players: request.players) else {
            throw .duplicate(matchId: matchId)
        }
        let grant = await slots.acquire(waitingUpTo: settings.allocationWait)
        switch grant {
        case .immediate: break
        case .afterWait: metrics.allocationWaits.increment()
        case .refused(let waited):
            if waited { metrics.allocationWaits.increment() }
            table.release(matchId)
            if lifecycles.withLock({ $0.closing }) { throw .shuttingDown }
            metrics.capacityFailures.increment()
            throw .capacity(maxServers: slots.capacity, waited: settings.allocationWait)
        }
        updateGauges()
        let spec = GameServerSpec(
            matchId: matchId, players: request.players, tickRate: settings.tickRate,
            matchDuration: settings.matchDuration, joinTimeout: settings.joinTimeout
        )
        let provisioned: Result<Void, AllocationError> = await withCheckedContinuation { continuation in
            let started = lifecycles.withLock { state -> Bool in
                guard !state.closing else { return false }
                state.tasks[matchId] = Task { await self.lifecycle(spec, report: continuation) }
                return true
            }
            if !started {
                slots.release()
                table.release(matchId)
                continuation.resume(returning: .failure(.shuttingDown))
            }
        }
        try provisioned.get()
        metrics.recordAllocation(since: start)
        return Allocation(matchId: matchId, url: "ws://\(publicAddress)/game/\(matchId)/connect", gameId: matchId)
    }

    /// Terminates the server of `matchId` and waits until it is reaped; answers the match afterwards (nil when
    /// unknown). A match still provisioning is terminated once ready; a match that is over is answered as is.
    public func terminate(_ matchId: String) async -> MatchSnapshot? {
        guard let snapshot = table.snapshot(matchId) else { return nil }
        guard !snapshot.state.isOver else { return snapshot }
        table.server(for: matchId)?.terminate(grace: settings.terminationGrace)
        let task = lifecycles.withLock { $0.tasks[matchId] }
        if snapshot.state == .provisioning {
            // Ready soon (or failed): terminate it then.
            await waitUntilNotProvisioning(matchId)
            table.server(for: matchId)?.terminate(grace: settings.terminationGrace)
        }
        await task?.value
        return table.snapshot(matchId)
    }

    /// Refuses new allocations, terminates every game server (SIGTERM, SIGKILL after the grace) and waits until
    /// every one has been reaped and recorded.
    public func shutdown() async {
        lifecycles.withLock { $0.closing = true }
        slots.close()
        let servers = table.liveServers()
        if !servers.isEmpty { logger.info("terminating game servers", metadata: ["count": "\(servers.count)"]) }
        for (_, server) in servers { server.terminate(grace: settings.terminationGrace) }
        while let task = lifecycles.withLock({ $0.tasks.values.first }) {
            await task.value
        }
    }

    private func waitUntilNotProvisioning(_ matchId: String) async {
        while table.snapshot(matchId)?.state == .provisioning {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    private func lifecycle(_ spec: GameServerSpec, report: CheckedContinuation<Result<Void, AllocationError>, Never>) async {
        let matchId = spec.matchId
        defer {
            slots.release()
            updateGauges()
            lifecycles.withLock { _ = $0.tasks.removeValue(forKey: matchId) }
        }
        let server: any GameServerHandle
        do {
            server = try await backend.provision(spec)
        } catch {
            logger.warning("provisioning failed", metadata: ["match": "\(matchId)", "error": "\(error)"])
            metrics.provisioningFailures.increment()
            table.release(matchId)
            report.resume(returning: .failure(.provisioning("\(error)")))
            return
        }
        table.markRunning(matchId, server: server)
        updateGauges()
        logger.debug("game server running", metadata: ["match": "\(matchId)", "server": "\(server.instance)"])
        report.resume(returning: .success(()))
        if lifecycles.withLock({ $0.closing }) { server.terminate(grace: settings.terminationGrace) }
        let exit = await server.waitForExit()
        let outcome: MatchState
        switch exit {
        case .finished(let result):
            outcome = .ended(result)
            metrics.reapedEnded.increment()
        case .failed(let reason):
            outcome = .failed(reason: reason)
            metrics.reapedFailed.increment()
            logger.warning("game server failed", metadata: ["match": "\(matchId)", "reason": "\(reason)"])
        }
        table.markOver(matchId, outcome)
        updateGauges()
        if case .failed(let reason) = outcome { await notifier?.failMatch(matchId, reason: reason) }
        await recorder.record(matchId, outcome)
    }

    private func updateGauges() {
        let counts = table.counts
        metrics.record(provisioning: counts.provisioning, running: counts.running)
    }
}
