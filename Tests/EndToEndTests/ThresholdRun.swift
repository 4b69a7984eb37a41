import StampedeAdapters
import StampedeDSL
import StampedeEngine
import StampedeMetrics
import StampedePlan
import Testing

/// Runs a scenario through the engine, as `stampede run` would, and records a test issue for every threshold that
/// fails (with its measured value and the run's errors).
enum ThresholdRun {
    /// Validates and runs `yaml` with `gracePeriod` seconds for in-flight work; expects every threshold to pass and
    /// returns how many criteria were evaluated.
    static func expectPassing(_ yaml: String, gracePeriod: Double) async throws -> Int {
        let registry = try BuiltinAdapters.registry()
        let report = ScenarioValidator(registry: registry).validate(text: yaml)
        let scenario = try #require(report.scenario, "\(report.diagnostics)")
        var options = EngineOptions()
        options.gracePeriod = gracePeriod
        let engine = try Engine(plan: PlanCompiler.compile(scenario), registry: registry, options: options)
        let result = try await engine.run()
        let verdicts = ThresholdEvaluator.evaluate(scenario.thresholds, store: result.store, elapsed: result.elapsed)
        let errors = result.errors.map { "\($0)" }.joined(separator: "; ")
        for verdict in verdicts {
            #expect(verdict.passed, "\(verdict.key): \(verdict.criterion) measured \(verdict.value.map { "\($0)" } ?? "nothing"); errors: \(errors)")
        }
        return verdicts.count
    }
}
