import ArgumentParser
import StampedeDSL
import StampedePlan
import StampedeReports

/// `stampede plan FILE`: what load a scenario will generate, before running it.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the load a scenario will generate: counts, rates, mix and expected concurrency.",
        discussion: "Counts of open and population loads are exact (curves are integrated exactly); closed-model iteration counts are estimates."
    )

    @Argument(help: "The scenario file.")
    var file: String

    @Flag(name: .long, help: "Print the plan as JSON (stable field names, see scenarios/README.md).")
    var json = false

    @Option(name: .long, help: "Override the scenario's seed.")
    var seed: UInt64?

    func run() throws {
        let result = ScenarioValidator(registry: try Registry.builtin()).validate(path: file)
        for diagnostic in result.diagnostics { Terminal.printError(diagnostic.description) }
        guard let scenario = result.scenario, result.isValid else { throw StampedeExit.invalidScenario }
        let summary = PlanSummarizer.summarize(PlanCompiler.compile(scenario, seed: seed))
        print(json ? PlanReport.json(summary) : PlanReport.text(summary), terminator: "")
    }
}
