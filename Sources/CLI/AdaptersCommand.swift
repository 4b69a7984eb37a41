import ArgumentParser
import StampedePluginAPI

/// `stampede adapters`: what each compiled-in adapter offers.
struct AdaptersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adapters",
        abstract: "List the adapters, their settings, actions and parameters."
    )

    func run() throws {
        for declaration in try Registry.builtin().declarations {
            print("\(declaration.name) — \(declaration.summary)")
            if !declaration.config.isEmpty {
                print("  config:")
                declaration.config.forEach { print("    \(describe($0))") }
            }
            for action in declaration.actions {
                print("  action \(action.name) — \(action.summary)")
                action.parameters.forEach { print("    \(describe($0))") }
            }
            for metric in declaration.metrics {
                print("  metric \(metric.name) (\(metric.kind.rawValue)) — \(metric.summary)")
            }
        }
    }

    private func describe(_ parameter: ParameterDeclaration) -> String {
        "\(parameter.name)\(parameter.required ? " (required)" : ""): \(parameter.type) — \(parameter.summary)"
    }
}
