import Foundation
import StampedeModel
import StampedePluginAPI

/// The outcome of validating a scenario file: the scenario when it has no errors, and every problem found.
public struct ValidationResult: Sendable {
    /// The scenario, when there are no errors.
    public var scenario: Scenario?
    /// Every error and warning, sorted by position.
    public var diagnostics: [Diagnostic]

    /// Whether the scenario may run.
    public var isValid: Bool { scenario != nil && !diagnostics.containsErrors }
}

/// Reads and checks scenario files: YAML syntax, structure against ``LanguageSchema``, then meaning (states,
/// transitions, actions against adapters' declarations, templates, feeders, load models, thresholds).
/// Every problem is reported at once.
public struct ScenarioValidator: Sendable {
    /// The adapters scenarios may use.
    public var registry: AdapterRegistry

    /// A validator for scenarios using the adapters in `registry`.
    public init(registry: AdapterRegistry) {
        self.registry = registry
    }

    /// Validates the file at `path`.
    public func validate(path: String) -> ValidationResult {
        let (root, problems) = YAMLLoader.load(path: path)
        guard let root else { return ValidationResult(scenario: nil, diagnostics: problems.sortedByPosition()) }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return validate(root: root, file: path, directory: directory)
    }

    /// Validates scenario text; `directory` is where relative feeder paths are resolved.
    public func validate(text: String, file: String = "scenario.yaml", directory: String = ".") -> ValidationResult {
        let (root, problems) = YAMLLoader.parse(data: Data(text.utf8), file: file)
        guard let root else { return ValidationResult(scenario: nil, diagnostics: problems.sortedByPosition()) }
        return validate(root: root, file: file, directory: directory)
    }

    private func validate(root: YAMLNode, file: String, directory: String) -> ValidationResult {
        var shapes = ShapeValidator()
        shapes.check(root, against: .object(LanguageSchema.scenario), path: "")
        var scenario = ScenarioDecoder(file: file).decode(root)
        var checker = SemanticChecker(scenario: scenario, registry: registry, directory: directory)
        checker.checkAll(root: root)
        scenario = checker.scenario
        let diagnostics = (shapes.diagnostics + checker.diagnostics).sortedByPosition()
        return ValidationResult(scenario: diagnostics.containsErrors ? nil : scenario, diagnostics: diagnostics)
    }
}
