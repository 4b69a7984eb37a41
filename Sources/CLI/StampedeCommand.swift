import ArgumentParser

/// The `stampede` command line.
public struct StampedeCommand: ParsableCommand {
    /// The tool's description and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "stampede",
        abstract: "A load tester whose numbers are right.",
        discussion: """
            Write a scenario in YAML (see scenarios/README.md), check it with `stampede validate`, and see the load \
            it will generate with `stampede plan`.

            Exit codes: 0 success, 99 a threshold failed, 104 invalid scenario, 64 invalid command-line usage, 1 run error.
            """,
        subcommands: [ValidateCommand.self, PlanCommand.self, SchemaCommand.self, AdaptersCommand.self]
    )

    /// Creates the command (used by the argument parser).
    public init() {}
}
