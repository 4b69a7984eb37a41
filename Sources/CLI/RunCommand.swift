import ArgumentParser
import Foundation
import StampedeDSL
import StampedeEngine
import StampedeMetrics
import StampedeModel
import StampedePlan
import StampedeReports

/// `stampede run FILE`: runs a scenario and sets the exit code from its thresholds.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario: generate its load, measure it, and check its thresholds.",
        discussion: """
            Latency is measured from each task's intended start (coordinated-omission safe). At the end of the \
            duration, or on the first Ctrl-C/SIGTERM, no new work starts and work in flight gets --grace to finish; a \
            second signal stops at once. Results are written either way.

            Exit codes: 0 every threshold passed, 99 a threshold failed (or aborted the run), 104 invalid scenario or \
            options, 1 the run failed, 128+N stopped by signal N.
            """
    )

    @Argument(help: "The scenario file.")
    var file: String

    @Option(name: .long, help: ArgumentHelp("Write results: json=PATH (the full results document).", valueName: "json=PATH"))
    var out: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write JUnit XML, one test case per threshold criterion.", valueName: "PATH"))
    var junit: String?

    @Option(name: .long, help: "Override the scenario's seed.")
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("How long in-flight work may finish after the end or a stop signal.", valueName: "DURATION"))
    var grace: String = "30s"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Run only this long (at most the scenario's duration): the plan is cut there, thresholds judge what ran.",
            valueName: "DURATION"))
    var duration: String?

    @Option(name: .long, help: "Cap on runs in flight for open loads without max_in_flight.")
    var maxInFlight: Int = 10_000

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Event-loop threads the players (and their HTTP and WebSocket connections) run on (default: one per core). Fewer cost less CPU per request when the target shares the machine. Redis connections keep a thread each.",
            valueName: "N"))
    var eventLoops: Int?

    @Flag(name: .long, help: "No live progress.")
    var quiet = false

    func validate() throws {
        for option in out where !option.hasPrefix("json=") || option.count <= 5 {
            throw ValidationError("--out takes json=PATH, not '\(option)'")
        }
        guard (try? Units.duration(grace).get()) != nil else { throw ValidationError("--grace takes a duration such as 30s, not '\(grace)'") }
        guard maxInFlight > 0 else { throw ValidationError("--max-in-flight must be at least 1") }
        if let eventLoops, !(1...Engine.availableEventLoops).contains(eventLoops) {
            throw ValidationError("--event-loops must be between 1 and \(Engine.availableEventLoops) (this machine's event loops, one per core), not \(eventLoops)")
        }
        if let duration {
            guard let seconds = try? Units.duration(duration).get(), seconds > 0 else {
                throw ValidationError("--duration takes a positive duration such as 2m, not '\(duration)'")
            }
        }
    }

    func run() async throws {
        let registry = try Registry.builtin()
        let validation = ScenarioValidator(registry: registry).validate(path: file)
        for diagnostic in validation.diagnostics { Terminal.printError(diagnostic.description) }
        guard var scenario = validation.scenario, validation.isValid else { throw StampedeExit.invalidScenario }
        if let duration, let seconds = try? Units.duration(duration).get() {
            guard seconds <= scenario.duration else {
                Terminal.printError(
                    "error: --duration \(duration) is longer than the scenario's \(Int(scenario.duration)) s — "
                        + "--duration can only shorten a run; change `duration:` in \(file) to lengthen it")
                throw StampedeExit.invalidScenario
            }
            scenario.duration = seconds
        }
        let plan = PlanCompiler.compile(scenario, seed: seed)
        var options = EngineOptions()
        options.gracePeriod = (try? Units.duration(grace).get()) ?? 30
        options.defaultMaxInFlight = maxInFlight
        options.eventLoops = eventLoops
        let engine: Engine
        do {
            engine = try Engine(plan: plan, registry: registry, options: options)
        } catch {
            Terminal.printError("error: \(error.description)")
            throw StampedeExit.runError
        }
        let signals = SignalHandling(stop: engine.stop)
        signals.install()
        defer { signals.uninstall() }
        let monitor = RunMonitor(engine: engine, plan: plan, quiet: quiet)
        let startedAt = Date()
        let result: EngineResult
        do {
            result = try await engine.run(onTick: monitor.tick)
        } catch {
            Terminal.printError("error: \(error.description)")
            throw StampedeExit.runError
        }
        monitor.finish()
        let verdicts = ThresholdEvaluator.evaluate(scenario.thresholds, store: result.store, elapsed: result.elapsed)
        let results = RunResults(
            scenario: scenario.name, file: file, seed: plan.seed, startedAt: startedAt, plannedDuration: scenario.duration,
            elapsed: result.elapsed, stopReason: result.stopReason, loads: result.loads, store: result.store, verdicts: verdicts
        )
        var failedWrite = false
        for option in out {
            failedWrite = !write(ResultsReport.json(results), to: String(option.dropFirst(5)), what: "results") || failedWrite
        }
        if let junit { failedWrite = !write(JUnitReport.xml(results), to: junit, what: "JUnit report") || failedWrite }
        print(RunSummary.text(results), terminator: "")
        ErrorDigest.print(result.errors)
        let code = results.exitCode
        if code != 0 { throw ExitCode(code) }
        if failedWrite { throw StampedeExit.runError }
    }

    private func write(_ text: String, to path: String, what: String) -> Bool {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return true
        } catch {
            Terminal.printError("error: cannot write the \(what) to \(path): \(error.localizedDescription)")
            return false
        }
    }
}
