import Foundation
import StampedeMetrics
import StampedeModel
import StampedePlan
import StampedePluginAPI
import Synchronization

/// Settings of a run that are not part of the scenario.
public struct EngineOptions: Sendable {
    /// How long in-flight work may take to finish after the duration ends or the first stop signal, in seconds.
    public var gracePeriod: Double = 30
    /// Cap on runs in flight for open loads that set no `max_in_flight`.
    public var defaultMaxInFlight = 10_000
    /// Shards of the metrics recorder.
    public var shardCount = 4
    /// How often `onTick` is called and gauges are sampled, in seconds.
    public var tickInterval: Double = 1
    /// Whether players' tasks run on SwiftNIO's event loops (where network adapters do their I/O, saving a thread
    /// hop per action) rather than on Swift's cooperative pool.
    public var playersOnEventLoops = true
    /// How many of SwiftNIO's event loops players run on (nil: all of them, one per core; at most
    /// ``Engine/availableEventLoops``). Fewer loops cost less CPU per request at moderate rates when the target shares
    /// the machine (fewer threads woken per arrival). HTTP and WebSocket connections open on their player's loop;
    /// the `redis` adapter's connections keep a thread each.
    public var eventLoops: Int?
    /// Values for `{{ env.NAME }}`.
    public var environment: [String: String] = ProcessInfo.processInfo.environment

    /// Default options.
    public init() {}
}

/// Executes a ``CompiledPlan``: dispatches its tasks at their intended times to players, drives players through
/// their behaviours against the targets, measures everything, and stops gracefully.
public final class Engine: Sendable {
    /// Stops the run: `.graceful` starts no new work and lets in-flight work finish within the grace period; `.abort`
    /// stops at once. Measurements are kept either way.
    public let stop = StopControl()
    let plan: CompiledPlan
    let options: EngineOptions
    let targets: TargetSet
    let feeders: FeederStore
    let behaviours: [RunnableBehaviour]
    let counters: [LoadCounters]
    let pools: [PlayerPool?]
    let recorder: MetricsRecorder
    let errorLog = ErrorLog()
    let nextPlayer = Atomic<Int>(0)
    /// Where players' tasks run.
    let executors: PlayerExecutors
    /// Tasks planned per load (arrivals, joins and activity starts), computed once from the plan.
    public let plannedPerLoad: [Int]

    /// Prepares a run of `plan` with the adapters of `registry`.
    /// - Throws: ``EngineError`` when a target or feeder cannot be prepared.
    public init(plan: CompiledPlan, registry: AdapterRegistry, options: EngineOptions = EngineOptions()) throws(EngineError) {
        self.plan = plan
        self.options = options
        executors = PlayerExecutors(enabled: options.playersOnEventLoops, limit: options.eventLoops)
        let targets = try TargetSet(plan.scenario, registry: registry, environment: options.environment)
        self.targets = targets
        do {
            feeders = try FeederStore(plan.scenario, seed: plan.seed)
        } catch {
            throw EngineError.setup(error.description)
        }
        let loadNames = plan.loads.map(\.spec.name)
        behaviours = plan.behaviours.map {
            RunnableBehaviour($0, targets: targets, loads: loadNames, environment: options.environment)
        }
        counters = plan.loads.map { _ in LoadCounters() }
        pools = plan.loads.map { load in
            if case .open = load.spec.model { return nil }
            return PlayerPool(behaviourCount: plan.behaviours.count)
        }
        recorder = MetricsRecorder(shardCount: options.shardCount)
        plannedPerLoad = PlanSummarizer.summarize(plan).loads.map { load in
            (load.plannedArrivals ?? 0) + (load.plannedJoins ?? 0) + load.activities.reduce(0) { $0 + $1.plannedStarts }
        }
    }

    /// Runs the plan to its end (or until stopped), calling `onTick` every tick interval.
    /// - Throws: ``EngineError`` when the targets cannot be set up (nothing has run then).
    public func run(onTick: @escaping @Sendable (EngineTick) -> Void = { _ in }) async throws(EngineError) -> EngineResult {
        do {
            try await targets.setup()
        } catch {
            await targets.teardown()
            throw error
        }
        let clock = RunClock()
        let context = RunContext(
            clock: clock, stop: stop, recorder: recorder, behaviours: behaviours, feeders: feeders,
            loadTags: plan.loads.map { TagSet(["load": $0.spec.name]) }, errorLog: errorLog
        )
        recorder.record(worker: 0) { store in
            for tags in context.loadTags { store.add("dropped_iterations", tags, 0) }
        }
        let dispatched = Atomic<Bool>(false)
        let tracker = WorkTracker()
        // The dispatcher runs on the first players' event loop: its waits are that loop's own timers (no Dispatch timer
        // thread), and the players it starts on that loop need no wake-up of another thread (the others' loops do).
        let work = Task(executorPreference: executors.executor(for: 0)) {
            await self.dispatch(into: tracker, context: context)
            dispatched.store(true, ordering: .releasing)
        }
        var nextTick = options.tickInterval
        func tickIfDue() {
            guard clock.now >= nextTick else { return }
            nextTick += options.tickInterval
            onTick(tick(clock.now))
        }
        let duration = plan.scenario.duration
        while clock.now < duration, stop.stage == .running {
            try? await Task.sleep(for: .milliseconds(20))
            tickIfDue()
        }
        stop.request(.graceful, reason: .completed)
        let deadline = clock.now + options.gracePeriod
        while !(dispatched.load(ordering: .acquiring) && tracker.isEmpty), clock.now < deadline, stop.stage != .abort {
            try? await Task.sleep(for: .milliseconds(20))
            tickIfDue()
        }
        if !(dispatched.load(ordering: .acquiring) && tracker.isEmpty) {
            stop.request(.abort, reason: .completed)
            behaviours.forEach { $0.barriers.forEach { $0?.release() } }
            work.cancel()
            tracker.cancelAll()
        }
        await work.value
        await tracker.waitForAll()
        let elapsed = clock.now
        for pool in pools {
            for player in pool?.removeAll() ?? [] { await player.closeSessions() }
        }
        for (index, target) in targets.targets.enumerated() {
            let samples = await target.finalMetrics()
            let tags = TagSet(["target": plan.scenario.targets[index].name])
            recorder.record(worker: 0) { store in
                for sample in samples {
                    if let kind = targets.metricKinds[index][sample.name] { store.record(sample, kind: kind, tags: tags) }
                }
            }
        }
        await targets.teardown()
        onTick(tick(elapsed))
        return EngineResult(
            store: recorder.snapshot(), loads: tallies(), elapsed: elapsed, stopReason: stop.reason ?? .completed,
            errors: errorLog.all
        )
    }

    /// How many event loops players can run on (``EngineOptions/eventLoops`` at most): one per core.
    public static var availableEventLoops: Int { PlayerExecutors.available }

    /// The measurements so far (merging the recorder's shards).
    public func snapshot() -> MetricsStore { recorder.snapshot() }

    private func tick(_ elapsed: Double) -> EngineTick {
        let inFlight = counters.reduce(0) { $0 + $1.inFlight.load(ordering: .relaxed) }
        let online = pools.reduce(0) { $0 + ($1?.count ?? 0) }
            + zip(plan.loads, counters).reduce(0) { total, pair in
                if case .open = pair.0.spec.model { return total + pair.1.inFlight.load(ordering: .relaxed) }
                return total
            }
        recorder.record(worker: 0) { store in
            store.setGauge("players_online", TagSet(), Double(online))
            store.setGauge("in_flight", TagSet(), Double(inFlight))
        }
        return EngineTick(elapsed: elapsed, duration: plan.scenario.duration, playersOnline: online, inFlight: inFlight,
                          started: counters.reduce(0) { $0 + $1.started.load(ordering: .relaxed) },
                          dropped: counters.reduce(0) { $0 + $1.dropped.load(ordering: .relaxed) })
    }

    private func tallies() -> [LoadTally] {
        zip(plan.loads, counters).enumerated().map { index, pair in
            LoadTally(name: pair.0.spec.name, model: pair.0.spec.model.kindName, planned: plannedPerLoad[index],
                                   started: pair.1.started.load(ordering: .relaxed), dropped: pair.1.dropped.load(ordering: .relaxed))
        }
    }
}

/// A live view of a run, given to `onTick`.
public struct EngineTick: Sendable {
    /// Seconds since the start.
    public var elapsed: Double
    /// The planned duration.
    public var duration: Double
    /// Players online (closed and population players, plus open runs in flight).
    public var playersOnline: Int
    /// Runs in flight.
    public var inFlight: Int
    /// Tasks started so far (arrivals, joins, activities).
    public var started: Int
    /// Tasks dropped so far.
    public var dropped: Int
}

/// Everything a run measured.
public struct EngineResult: Sendable {
    /// Every series.
    public var store: MetricsStore
    /// Per load: planned, started, dropped.
    public var loads: [LoadTally]
    /// Seconds the run lasted (including the grace period used).
    public var elapsed: Double
    /// Why it stopped.
    public var stopReason: StopReason
    /// The first message of each kind of error, per action.
    public var errors: [ErrorLog.Entry]
}
