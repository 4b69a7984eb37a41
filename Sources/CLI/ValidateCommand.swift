import ArgumentParser
import StampedeAdapters
import StampedeDSL
import StampedeModel

/// `stampede validate FILE...`: every problem of every file, as `FILE:LINE:COL: error: what — hint`.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files and report every problem at once.",
        discussion: "Exits 0 when every file is valid (warnings allowed), 104 when any has an error."
    )

    @Argument(help: "Scenario files to check.")
    var files: [String] = []

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .long, help: "Print nothing for valid files.")
    var quiet = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one scenario file, e.g. stampede validate scenarios/smoke.yaml") }
    }

    func run() throws {
        let validator = ScenarioValidator(registry: try Registry.builtin())
        var failed = false
        for file in files {
            let result = validator.validate(path: file)
            for diagnostic in result.diagnostics { Terminal.printError(diagnostic.description) }
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            let warnings = result.diagnostics.count - errors
            if errors > 0 || (strict && warnings > 0) {
                failed = true
                Terminal.printError("\(file): invalid (\(Terminal.count(errors, "error")), \(Terminal.count(warnings, "warning")))")
            } else if !quiet {
                print("\(file): valid\(warnings > 0 ? " (\(Terminal.count(warnings, "warning")))" : "")")
            }
        }
        if failed { throw StampedeExit.invalidScenario }
    }
}
