import StampedeModel
import StampedePlan
import Testing

@Suite("Compiled plans and their task schedules")
struct TaskScheduleTests {
    private let here = SourceLocation(file: "t.yaml", line: 1, column: 1)

    private func scenario(seed: UInt64 = 7, loads: [LoadSpec]) -> Scenario {
        let browse = StateSpec(name: "browse", kind: .action(ActionSpec(target: "t", action: "ok", expectedLatency: 0.1)),
                               think: .constant(1),
                               transitions: [Transition(to: "browse", probability: 0.5), Transition(to: "end", probability: 0.5)],
                               location: here)
        let login = StateSpec(name: "login", kind: .action(ActionSpec(target: "t", action: "login", expectedLatency: 0.2)),
                              transitions: [Transition(to: "end", probability: 1)], location: here)
        let casual = BehaviourSpec(name: "casual", weight: 3, start: "browse", states: [browse], location: here)
        let player = BehaviourSpec(name: "player", weight: 1, start: "login", states: [login, browse],
                                   activities: [ActivitySpec(name: "shop", ratePerSecond: 1.0 / 60, start: "browse", location: here)],
                                   location: here)
        return Scenario(file: "t.yaml", name: "t", seed: seed, duration: 600, behaviours: [casual, player], loads: loads)
    }

    private func openLoad(_ curve: CurveSpec) -> LoadSpec {
        LoadSpec(name: "open", model: .open(rate: curve, arrivals: .even, maxInFlight: nil),
                 mix: [WeightedBehaviour(behaviour: "casual", weight: 3), WeightedBehaviour(behaviour: "player", weight: 1)], location: here)
    }

    private func drain(_ plan: CompiledPlan, slice: Double) -> [PlannedTask] {
        var schedule = plan.schedule()
        var tasks: [PlannedTask] = []
        var time = slice
        while time < plan.scenario.duration + slice {
            schedule.next(before: time, into: &tasks)
            time += slice
        }
        schedule.next(before: .infinity, into: &tasks)
        return tasks
    }

    @Test("the same seed gives the same task sequence; another seed a different mix")
    func determinism() {
        let load = openLoad(.ramp(from: 0, to: 20, duration: 600))
        let first = drain(PlanCompiler.compile(scenario(loads: [load])), slice: 1)
        let second = drain(PlanCompiler.compile(scenario(loads: [load])), slice: 1)
        let other = drain(PlanCompiler.compile(scenario(loads: [load]), seed: 99), slice: 1)
        #expect(first == second)
        #expect(first.count == other.count)
        #expect(first != other)
    }

    @Test("open arrivals equal the curve's integral, whatever the slice size", arguments: [0.01, 0.25, 1, 7.5, 600])
    func openCountIsExact(slice: Double) {
        let plan = PlanCompiler.compile(scenario(loads: [openLoad(.ramp(from: 0, to: 20, duration: 600))]))
        let tasks = drain(plan, slice: slice)
        #expect(tasks.count == 6000)
        #expect(zip(tasks, tasks.dropFirst()).allSatisfy { $0.time <= $1.time })
    }

    @Test("the behaviour mix follows the weights (3:1)")
    func mixFollowsWeights() {
        let plan = PlanCompiler.compile(scenario(loads: [openLoad(.constant(100))]))
        let tasks = drain(plan, slice: 1)
        let casual = tasks.filter { $0.kind == .run(behaviour: 0) }.count
        let share = Double(casual) / Double(tasks.count)
        #expect(tasks.count == 60_000)
        #expect(abs(share - 0.75) < 0.01)
    }

    @Test("population: joins follow the player curve and activities its integral × per-player rate")
    func population() {
        let load = LoadSpec(name: "pop", model: .population(players: .sequence([.ramp(from: 0, to: 1000, duration: 120), .hold(value: 1000, duration: nil)])),
                            mix: [WeightedBehaviour(behaviour: "player", weight: 1)], location: here)
        let plan = PlanCompiler.compile(scenario(loads: [load]))
        let tasks = drain(plan, slice: 1)
        let joins = tasks.filter { $0.kind == .join(behaviour: 1) }.count
        let activities = tasks.filter { $0.kind == .activity(behaviour: 1, activity: 0) }.count
        // ∫ players dt = 1000 × 120 / 2 + 1000 × 480 = 540,000 player-seconds; at 1/60 per player-second: 9,000.
        #expect(joins == 1000)
        #expect(activities == 9000)
        let summary = PlanSummarizer.summarize(plan)
        #expect(summary.loads[0].plannedJoins == 1000)
        #expect(summary.loads[0].activities.first?.plannedStarts == 9000)
    }

    @Test("the summary's action mix comes from the Markov chain's expected visits")
    func summaryMix() {
        let plan = PlanCompiler.compile(scenario(loads: [openLoad(.constant(10))]))
        let summary = PlanSummarizer.summarize(plan)
        // 6,000 runs; browse visits per run = 1 / 0.5 = 2; player runs (¼) also log in once.
        let browse = summary.actions.first { $0.name == "t.ok" }?.expectedCount ?? 0
        let login = summary.actions.first { $0.name == "t.login" }?.expectedCount ?? 0
        #expect(abs(browse - 6000 * 0.75 * 2) < 1e-6)
        #expect(abs(login - 6000 * 0.25) < 1e-6)
        // Little's law: 10/s × run length; casual run = 2 × (0.1 + 1) = 2.2 s, player run = 0.2 s.
        let concurrency = summary.loads[0].expectedConcurrency?.mean ?? 0
        #expect(abs(concurrency - 10 * (0.75 * 2.2 + 0.25 * 0.2)) < 1e-6)
    }
}
