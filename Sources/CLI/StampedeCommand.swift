import ArgumentParser

/// The `stampede` command line.
@available(macOS 10.15, *)
public struct StampedeCommand: AsyncParsableCommand {
    /// The tool's description and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "stampede",
        abstract: "A load tester whose numbers are right.",
        discussion: """
            Write a scenario in YAML (see scenarios/README.md), check it with `stampede validate`, and see the load \
            it will generate with `stampede plan`.

            Exit codes: 0 success, 99 a threshold failed, 104 invalid scenario, 64 invalid command-line usage, 1 run error.
            """,
        subcommands: [ValidateCommand.self, PlanCommand.self, RunCommand.self, SchemaCommand.self, AdaptersCommand.self]
    )

    /// Creates the command (used by the argument parser).
    public init() {}
}

extension StampedeCommand {
    /// Parses the command line and runs the chosen command, exiting with its exit code.
    public static func runMain(_ arguments: [String]? = nil) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if let run = command as? RunCommand {
                try await run.run()
            } else {
                try command.run()
            }
            exit()
        } catch {
            exit(withError: error)
        }
    }
}
