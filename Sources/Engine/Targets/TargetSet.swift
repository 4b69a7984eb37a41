import StampedeModel
import StampedePluginAPI

/// The targets of a run, made from the scenario's `targets:` through the adapter registry.
struct TargetSet: Sendable {
    /// The targets in the scenario's order.
    let targets: [any ActionTarget]
    /// Index of each target by name.
    let index: [String: Int]
    /// Declared custom metrics of each target's adapter, by name.
    let metricKinds: [[String: MetricKind]]
    /// Each target's adapter declaration.
    let declarations: [AdapterDeclaration]
    /// Each target's `config:` as written (typed by the validator).
    let configs: [[String: ConfigValue]]

    /// Makes every target of `scenario`.
    /// - Throws: ``EngineError`` when an adapter is not registered or refuses its configuration.
    init(_ scenario: Scenario, registry: AdapterRegistry, environment: [String: String]) throws(EngineError) {
        var targets: [any ActionTarget] = []
        var kinds: [[String: MetricKind]] = []
        for spec in scenario.targets {
            guard let adapter = registry.adapter(named: spec.adapter) else {
                throw EngineError.setup("target '\(spec.name)': adapter '\(spec.adapter)' cannot run (it is not registered as a runnable adapter)")
            }
            var settings: [String: ActionValue] = [:]
            for (key, value) in spec.config {
                var context = RenderContext.constant
                settings[key] = ValueCompiler.compile(value, environment: environment).render(&context)
            }
            do {
                targets.append(try adapter.makeTarget(TargetConfig(name: spec.name, settings: settings)))
            } catch let error as TargetConfigError {
                throw EngineError.setup("target '\(spec.name)' (\(spec.adapter)): \(error.setting) \(error.problem)")
            } catch {
                throw EngineError.setup("target '\(spec.name)' (\(spec.adapter)): \(error)")
            }
            kinds.append(Dictionary(adapter.declaration.metrics.map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first }))
        }
        self.targets = targets
        self.index = Dictionary(scenario.targets.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.metricKinds = kinds
        self.declarations = scenario.targets.compactMap { registry.adapter(named: $0.adapter)?.declaration }
        self.configs = scenario.targets.map(\.config)
    }

    /// Sets every target up.
    func setup() async throws(EngineError) {
        for (position, target) in targets.enumerated() {
            do {
                try await target.setup()
            } catch {
                throw EngineError.setup("target #\(position + 1) failed to set up: \(error)")
            }
        }
    }

    /// Tears every target down.
    func teardown() async {
        for target in targets { await target.teardown() }
    }
}

/// Why a run could not start or go on.
public enum EngineError: Error, Sendable, CustomStringConvertible {
    /// Preparing targets or feeders failed.
    case setup(String)

    /// A readable account.
    public var description: String {
        switch self {
        case .setup(let message): message
        }
    }
}
