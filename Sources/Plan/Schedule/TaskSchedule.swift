import StampedeModel

/// The plan's tasks in time order, generated lazily slice by slice: nothing is materialised beyond the slice
/// asked for, and slicing never loses or repeats a task.
public struct TaskSchedule: Sendable {
    private var streams: [TaskStream]
    private var arrivals: [Double] = []
    private var changes: [LevelChange] = []

    init(plan: CompiledPlan) {
        let root = SeededRandom(seed: plan.seed)
        var streams: [TaskStream] = []
        for (loadIndex, load) in plan.loads.enumerated() {
            let rng = root.derived("load").derived(UInt64(loadIndex))
            switch load.spec.model {
            case .open(_, let process, _):
                let schedule = ArrivalSchedule(curve: load.curve, process: process, seed: seedOf(rng.derived("arrivals")))
                streams.append(TaskStream(load: loadIndex, source: .arrivals(schedule), mix: load, rng: rng.derived("mix")))
            case .closed, .population:
                streams.append(TaskStream(load: loadIndex, source: .players(LevelChanges(curve: load.curve)), mix: load, rng: rng.derived("mix")))
            }
            guard case .population = load.spec.model else { continue }
            for (position, behaviourIndex) in load.behaviours.enumerated() {
                for (activityIndex, activity) in plan.behaviours[behaviourIndex].spec.activities.enumerated() {
                    let scale = load.shares[position] * activity.ratePerSecond
                    let seed = seedOf(rng.derived("activity").derived(UInt64(behaviourIndex)).derived(UInt64(activityIndex)))
                    let schedule = ArrivalSchedule(curve: load.curve, scale: scale, process: .poisson, seed: seed)
                    streams.append(TaskStream(load: loadIndex, source: .activity(schedule, behaviour: behaviourIndex, activity: activityIndex),
                                              mix: load, rng: rng))
                }
            }
        }
        self.streams = streams
    }

    /// Appends every task intended before `time` that has not been issued yet, in time order.
    public mutating func next(before time: Double, into buffer: inout [PlannedTask]) {
        let first = buffer.count
        for index in streams.indices {
            streams[index].next(before: time, into: &buffer, arrivals: &arrivals, changes: &changes)
        }
        if streams.count > 1 {
            buffer[first...].sort { ($0.time, $0.load) < ($1.time, $1.load) }
        }
    }

}

/// The first number of a stream, used as the seed of another.
private func seedOf(_ rng: SeededRandom) -> UInt64 {
    var rng = rng
    return rng.next()
}

/// One source of tasks: a load's arrivals or player changes, or one population activity.
struct TaskStream: Sendable {
    enum Source: Sendable {
        case arrivals(ArrivalSchedule)
        case players(LevelChanges)
        case activity(ArrivalSchedule, behaviour: Int, activity: Int)
    }

    let load: Int
    var source: Source
    let behaviours: [Int]
    let mix: AliasTable
    var rng: SeededRandom

    init(load: Int, source: Source, mix: CompiledLoad, rng: SeededRandom) {
        self.load = load
        self.source = source
        self.behaviours = mix.behaviours
        self.mix = mix.mix
        self.rng = rng
    }


    mutating func next(before time: Double, into buffer: inout [PlannedTask], arrivals: inout [Double], changes: inout [LevelChange]) {
        switch source {
        case .arrivals(var schedule):
            arrivals.removeAll(keepingCapacity: true)
            schedule.next(before: time, into: &arrivals)
            source = .arrivals(schedule)
            for arrival in arrivals {
                buffer.append(PlannedTask(time: arrival, load: load, kind: .run(behaviour: behaviours[mix.sample(using: &rng)])))
            }
        case .players(var levels):
            changes.removeAll(keepingCapacity: true)
            levels.next(before: time, into: &changes)
            source = .players(levels)
            for change in changes {
                for _ in 0..<abs(change.delta) {
                    let kind: PlannedTask.Kind = change.delta > 0 ? .join(behaviour: behaviours[mix.sample(using: &rng)]) : .leave
                    buffer.append(PlannedTask(time: change.time, load: load, kind: kind))
                }
            }
        case .activity(var schedule, let behaviour, let activity):
            arrivals.removeAll(keepingCapacity: true)
            schedule.next(before: time, into: &arrivals)
            source = .activity(schedule, behaviour: behaviour, activity: activity)
            for arrival in arrivals {
                buffer.append(PlannedTask(time: arrival, load: load, kind: .activity(behaviour: behaviour, activity: activity)))
            }
        }
    }
}
