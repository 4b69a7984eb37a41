import StampedeMetrics
import StampedeModel
import StampedePlan

extension Engine {
    /// How far ahead of the clock the schedule is generated, in seconds.
    static let lookahead = 0.1
    /// The shortest sleep of the dispatcher, in seconds: tasks due sooner than this after a wake-up wait for the next
    /// wake-up and start together, instead of a timer per task. At 10,000 arrivals/s that took the arrivals dropped
    /// from 7.9 % to none (BENCHMARKS.md), for at most 0.2 ms more schedule lag, which is measured (`schedule_lag`) and
    /// never shortens latency: latency counts from the intended start. The dispatcher runs on an event loop, so each
    /// wake-up is that loop's own timer (``RunClock/sleep(until:)``).
    static let quantum = 0.0002

    /// Issues every planned task at its intended time until the duration ends or the run stops: open arrivals
    /// start runs (or are dropped and counted when the load's cap of runs in flight is reached — never delayed),
    /// players join and leave, and population activities go to a random idle player of the behaviour.
    func dispatch(into work: WorkTracker, context: RunContext) async {
        var schedule = plan.schedule()
        var buffer: [PlannedTask] = []
        var rng = SeededRandom(seed: plan.seed).derived("dispatch")
        let duration = plan.scenario.duration
        var horizon = 0.0
        while horizon < duration {
            horizon = min(duration, horizon + Self.lookahead)
            buffer.removeAll(keepingCapacity: true)
            schedule.next(before: horizon, into: &buffer)
            for task in buffer {
                guard context.stop.acceptsWork else { return }
                let now = context.clock.now
                if task.time > now {
                    do { try await context.clock.sleep(until: max(task.time, now + Self.quantum)) } catch { return }
                    guard context.stop.acceptsWork else { return }
                }
                start(task, work: work, rng: &rng, context: context)
            }
            if buffer.isEmpty, horizon > context.clock.now {
                do { try await context.clock.sleep(until: horizon) } catch { return }
            }
        }
    }

    private func start(_ task: PlannedTask, work: WorkTracker, rng: inout SeededRandom, context: RunContext) {
        let load = task.load
        let counter = counters[load]
        let runner = BehaviourRunner(context: context)
        switch task.kind {
        case .run(let behaviour):
            let cap = openCap(load)
            guard counter.inFlight.load(ordering: .relaxed) < cap else {
                drop(load, context: context)
                return
            }
            counter.inFlight.add(1, ordering: .relaxed)
            counter.started.add(1, ordering: .relaxed)
            let player = makePlayer(behaviour: behaviour, load: load)
            let start = behaviours[behaviour].compiled.start
            work.spawn(on: executors.executor(for: player.id)) {
                await runner.run(player, from: start, intended: task.time)
                await player.closeSessions()
                counter.inFlight.subtract(1, ordering: .relaxed)
            }
        case .join(let behaviour):
            guard let pool = pools[load] else { return }
            counter.started.add(1, ordering: .relaxed)
            let player = makePlayer(behaviour: behaviour, load: load)
            pool.join(player)
            let start = behaviours[behaviour].compiled.start
            if case .closed = plan.loads[load].spec.model {
                work.spawn(on: executors.executor(for: player.id)) {
                    var intended = task.time
                    counter.inFlight.add(1, ordering: .relaxed)
                    while context.stop.acceptsWork, !player.leaving.load(ordering: .relaxed), !Task.isCancelled {
                        await runner.run(player, from: start, intended: intended)
                        intended = context.clock.now
                        await Task.yield()  // an instant target must not starve the other players and the clock
                    }
                    counter.inFlight.subtract(1, ordering: .relaxed)
                    player.leaving.store(true, ordering: .relaxed)
                    if pool.finished(player) { await player.closeSessions() }
                }
            } else {
                work.spawn(on: executors.executor(for: player.id)) { await self.runPopulation(player, from: start, intended: task.time, pool: pool, counter: counter, runner: runner) }
            }
        case .leave:
            guard let player = pools[load]?.leave() else { return }
            work.spawn(on: executors.executor(for: player.id)) { await player.closeSessions() }
        case let .activity(behaviour, activity):
            guard let pool = pools[load], let player = pool.takeIdle(behaviour: behaviour, rng: &rng) else {
                drop(load, context: context)
                return
            }
            counter.started.add(1, ordering: .relaxed)
            let start = behaviours[behaviour].compiled.activityStarts[activity]
            work.spawn(on: executors.executor(for: player.id)) { await self.runPopulation(player, from: start, intended: task.time, pool: pool, counter: counter, runner: runner) }
        }
    }

    private func runPopulation(_ player: Player, from start: Int, intended: Double, pool: PlayerPool, counter: LoadCounters,
                               runner: BehaviourRunner) async {
        counter.inFlight.add(1, ordering: .relaxed)
        await runner.run(player, from: start, intended: intended)
        counter.inFlight.subtract(1, ordering: .relaxed)
        if pool.finished(player) { await player.closeSessions() }
    }

    private func openCap(_ load: Int) -> Int {
        if case .open(_, _, let cap) = plan.loads[load].spec.model { return cap ?? options.defaultMaxInFlight }
        return .max
    }

    private func drop(_ load: Int, context: RunContext) {
        counters[load].dropped.add(1, ordering: .relaxed)
        recorder.record(worker: load) { $0.add("dropped_iterations", context.loadTags[load]) }
    }

    private func makePlayer(behaviour: Int, load: Int) -> Player {
        let id = nextPlayer.add(1, ordering: .relaxed).newValue
        return Player(id: id, behaviour: behaviour, load: load, targetCount: targets.targets.count,
                      rng: SeededRandom(seed: plan.seed).derived("player").derived(UInt64(id)))
    }
}
