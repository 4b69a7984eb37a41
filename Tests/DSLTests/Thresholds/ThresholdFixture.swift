import StampedeDSL
import StampedeModel
import StampedePluginAPI

/// A scenario's names and adapter metrics for threshold tests, and helpers to compile one threshold.
enum ThresholdFixture {
    /// Keys are located at line 3, column 5; criteria at line 4, column 10.
    static let keyLocation = SourceLocation(file: "scenario.yaml", line: 3, column: 5)
    /// Where every criterion starts.
    static let criterionLocation = SourceLocation(file: "scenario.yaml", line: 4, column: 10)

    static let context = MetricContext(
        adapterMetrics: [
            MetricDeclaration(name: "match_wait", kind: .trend, summary: "Time in the matchmaking queue."),
            MetricDeclaration(name: "queue_depth", kind: .gauge, summary: "Players waiting for a match."),
            MetricDeclaration(name: "matches", kind: .counter, summary: "Matches made."),
            MetricDeclaration(name: "match_success", kind: .rate, summary: "Share of queued players matched."),
        ],
        adapterTags: ["status", "region"],
        actions: ["game.login", "game.move", "game.logout", "api.fetch", "api.login"],
        targets: ["game", "api"],
        behaviours: ["casual", "hardcore"],
        states: ["lobby", "playing"],
        loads: ["ramp", "spike"]
    )

    static let compiler = ThresholdCompiler(context: context)

    /// Compiles `key` with the given criteria, all at `criterionLocation`.
    static func compile(_ key: String, _ criteria: [String], abortOnFail: Bool = false, delayAbortEval: Double? = nil)
        -> (ThresholdSpec?, [Diagnostic])
    {
        compiler.compile(
            key: key, at: keyLocation,
            criteria: criteria.map {
                RawCriterion(text: $0, location: criterionLocation, abortOnFail: abortOnFail, delayAbortEval: delayAbortEval)
            })
    }

    /// Whether two bounds are equal up to rounding.
    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-12 * max(1, abs(a), abs(b))
    }
}
