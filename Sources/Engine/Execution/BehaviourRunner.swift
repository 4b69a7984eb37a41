import StampedeMetrics
import StampedeModel
import StampedePlan
import StampedePluginAPI

/// Runs one pass of a player through its behaviour's state machine, measuring every action from its intended start.
///
/// The first action's intended start is the planned task's time; each later action's is the moment the previous one
/// ended plus the planned pause — when the player would have started it. Latency is completion minus intended start
/// (what a waiting user feels), service time is completion minus actual start, schedule lag is actual minus intended
/// start. Actions cut short by an abort are not measured; they are counted in `interrupted_actions`.
struct BehaviourRunner: Sendable {
    let context: RunContext

    /// Runs `player` from state `start`, intended to begin at `intended` seconds; returns when the run reaches `end`
    /// (or the run aborts).
    func run(_ player: Player, from start: Int, intended: Double) async {
        let behaviour = context.behaviours[player.behaviour]
        let states = behaviour.compiled.states
        let load = player.load
        var current = start
        var intendedStart = intended
        let runStart = context.clock.now
        context.recorder.record(worker: player.id) { store in
            store.recordTrend("schedule_lag", context.loadTags[load], seconds: max(0, runStart - intended))
        }
        while current != CompiledState.end, current >= 0, current < states.count {
            if context.stop.stage == .abort || Task.isCancelled { return }
            let state = states[current]
            var actionDuration = 0.0
            var failed = false
            if let action = behaviour.actions[current] {
                guard let ended = await perform(action, player: player, intended: intendedStart, load: load) else { return }
                actionDuration = ended.service
                intendedStart = ended.end
                failed = ended.failed
            } else if let barrier = behaviour.barriers[current] {
                await barrier.arrive()
                intendedStart = context.clock.now
            }
            var pause = 0.0
            if let think = state.think { pause = think.sample(using: &player.rng, actionDuration: actionDuration) }
            current = (failed ? state.errorTarget : nil) ?? state.next(using: &player.rng)
            if pause > 0 {
                intendedStart += pause
                if current != CompiledState.end {
                    do { try await context.clock.sleep(until: intendedStart) } catch { return }
                }
            }
        }
        player.iteration += 1
        let duration = context.clock.now - intended
        context.recorder.record(worker: player.id) { store in
            store.add("iterations", behaviour.runTags[load])
            store.recordTrend("iteration_duration", behaviour.runTags[load], seconds: duration)
        }
    }

    /// Performs one action and records it; nil when the run was aborted during it. `failed`: the action did not succeed (for `on_error`).
    private func perform(_ action: RunnableAction, player: Player, intended: Double, load: Int) async -> (end: Double, service: Double, failed: Bool)? {
        let (request, exhausted) = action.request(for: player, feeders: context.feeders)
        let actualStart = context.clock.now
        let outcome: ActionOutcome
        if let exhausted {
            outcome = .error("feeder_exhausted", "feeder '\(exhausted)' (order: unique) has no row left for player \(player.id)")
        } else {
            let session = player.session(for: action.targetIndex, target: action.target, info: request.player)
            outcome = await action.target.perform(request, session: session)
        }
        let end = context.clock.now
        if context.stop.stage == .abort || Task.isCancelled {
            context.recorder.record(worker: player.id) { $0.add("interrupted_actions", action.tags[load]) }
            return nil
        }
        for (variable, value) in outcome.captured { player.variables[variable] = value }
        let latency = max(0, end - intended)
        let service = max(0, end - actualStart)
        let tagged = outcome.tags.isEmpty ? nil : action.outcomeTags[load].entry(for: outcome.tags)
        context.recorder.record(worker: player.id) { store in
            let base = tagged?.base ?? action.tags[load]
            switch outcome.status {
            case .ok:
                let statusTags = tagged?.ok ?? action.okTags[load]
                store.recordTrend("latency", statusTags, seconds: latency)
                store.recordTrend("service_time", statusTags, seconds: service)
                store.recordRate("errors", base, false)
            case .error(let kind, _):
                let statusTags = tagged?.error ?? action.errorTags[load]
                store.recordTrend("latency", statusTags, seconds: latency)
                store.recordTrend("service_time", statusTags, seconds: service)
                store.recordRate("errors", base.adding("error_kind", kind), true)
            }
            store.add("requests", base)
            if outcome.bytesIn > 0 { store.add("bytes_in", base, Double(outcome.bytesIn)) }
            if outcome.bytesOut > 0 { store.add("bytes_out", base, Double(outcome.bytesOut)) }
            for sample in outcome.metrics {
                if let kind = action.metricKinds[sample.name] { store.record(sample, kind: kind, tags: base) }
            }
        }
        if case .error(let kind, let message) = outcome.status { context.errorLog.note(action: action, kind: kind, message: message) }
        return (end, service, !outcome.isOK)
    }
}
