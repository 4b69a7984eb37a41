// Times the stages of turning a scenario into a schedule: validate, compile, summarize, and generating the
// schedule slice by slice. Run by hand (see scripts/bench/plan-large.sh); prints figures, asserts nothing.
import Foundation
import StampedeAdapters
import StampedeDSL
import StampedePlan

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first else {
    print("usage: stampede-plan-bench SCENARIO.yaml [SECONDS-OF-SCHEDULE-TO-GENERATE]")
    exit(64)
}
let drainSeconds = arguments.dropFirst().first.flatMap(Double.init) ?? 60

let validator = ScenarioValidator(registry: try BuiltinAdapters.registry())
var result: ValidationResult?
let validateTime = seconds { result = validator.validate(path: path) }
guard let scenario = result?.scenario else {
    result?.diagnostics.prefix(5).forEach { print($0) }
    exit(104)
}
var plan: CompiledPlan?
let compileTime = seconds { plan = PlanCompiler.compile(scenario) }
var summary: PlanSummary?
let summaryTime = seconds { summary = PlanSummarizer.summarize(plan!) }
var schedule = plan!.schedule()
var buffer: [PlannedTask] = []
buffer.reserveCapacity(20_000)
var generated = 0
let drainTime = seconds {
    var time = 1.0
    while time <= min(drainSeconds, scenario.duration) {
        buffer.removeAll(keepingCapacity: true)
        schedule.next(before: time, into: &buffer)
        generated += buffer.count
        time += 1
    }
}
let states = scenario.behaviours.reduce(0) { $0 + $1.states.count }
print("scenario: \(scenario.behaviours.count) behaviours, \(states) states, \(Int(scenario.duration)) s")
print("planned starts: \(summary!.totals.plannedStarts)")
print(String(format: "validate:  %8.3f s", validateTime))
print(String(format: "compile:   %8.3f s", compileTime))
print(String(format: "summarize: %8.3f s", summaryTime))
print(String(format: "schedule:  %8.3f s for the first %d s (%d tasks, %.0f tasks/s generated)",
             drainTime, Int(min(drainSeconds, scenario.duration)), generated, Double(generated) / max(drainTime, 1e-9)))
