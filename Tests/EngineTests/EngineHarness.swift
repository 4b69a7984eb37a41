import Foundation
import NIOPosix
import StampedeAdapters
import StampedeDSL
import StampedeEngine
import StampedeMetrics
import StampedeModel
import StampedePlan
import StampedePluginAPI
import Synchronization
import Testing

/// Runs YAML scenarios through the real validator, compiler and engine.
enum EngineHarness {
    /// The built-in adapters plus the test adapters.
    static func registry() throws -> AdapterRegistry {
        var registry = try BuiltinAdapters.registry()
        try registry.register(StallAdapter.self)
        try registry.register(RecordAdapter.self)
        return registry
    }

    /// Validates and compiles `yaml` (failing the test on any error).
    static func plan(_ yaml: String, seed: UInt64? = nil) throws -> CompiledPlan {
        let result = ScenarioValidator(registry: try registry()).validate(text: yaml)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        let scenario = try #require(result.scenario)
        return PlanCompiler.compile(scenario, seed: seed)
    }

    /// Runs `yaml` to its end.
    static func run(_ yaml: String, seed: UInt64? = nil, options: EngineOptions = EngineOptions(),
                    during: (@Sendable (Engine) async -> Void)? = nil) async throws -> EngineResult {
        let engine = try Engine(plan: try plan(yaml, seed: seed), registry: try registry(), options: options)
        if let during {
            async let result = engine.run()
            await during(engine)
            return try await result
        }
        return try await engine.run()
    }

    /// The counter `name` summed over series matching `filters` (`key:value`).
    static func counter(_ store: MetricsStore, _ name: String, _ filters: [String: String] = [:]) -> Double {
        if case .counter(let value) = store.merged(name, matching: tagFilters(filters)) { return value }
        return 0
    }

    /// The trend `name` over series matching `filters`.
    static func trend(_ store: MetricsStore, _ name: String, _ filters: [String: String] = [:]) -> TrendValue? {
        if case .trend(let value) = store.merged(name, matching: tagFilters(filters)) { return value }
        return nil
    }

    static func tagFilters(_ filters: [String: String]) -> [TagFilter] {
        filters.map { TagFilter(key: $0.key, value: $0.value, location: SourceLocation(file: "test", line: 1, column: 1)) }
    }
}

/// A test adapter whose `call` action answers at once, except while the "server" stalls: every call made
/// between `stall_from` and `stall_until` seconds (of the process's own clock since the target was made) waits until
/// `stall_until`.
struct StallAdapter: TargetAdapter {
    static let declaration = AdapterDeclaration(
        name: "stall",
        summary: "Answers at once, except during a stall window.",
        config: [
            ParameterDeclaration(name: "stall_from", type: .duration, required: true, summary: "Start of the stall."),
            ParameterDeclaration(name: "stall_until", type: .duration, required: true, summary: "End of the stall."),
        ],
        actions: [ActionDeclaration(name: "call", summary: "Answers, unless stalled.")]
    )

    static func makeTarget(_ config: TargetConfig) throws -> any ActionTarget {
        StallTarget(from: config.settings["stall_from"]?.number ?? 0, until: config.settings["stall_until"]?.number ?? 0)
    }
}

struct StallTarget: ActionTarget {
    let from: Double
    let until: Double
    let origin = ContinuousClock.now

    func perform(_ request: ActionRequest, session: any PlayerSession) async -> ActionOutcome {
        let elapsed = ContinuousClock.now - origin
        let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if now >= from, now < until {
            try? await Task.sleep(for: .seconds(until - now))
        }
        return .ok()
    }
}

/// A test adapter whose `record` action keeps the rendered `value` parameter, and the event loop it ran on (nil off
/// the loops), by `key`, for the test to read.
struct RecordAdapter: TargetAdapter {
    static let declaration = AdapterDeclaration(
        name: "record",
        summary: "Keeps what it is given.",
        actions: [ActionDeclaration(name: "record", summary: "Keeps `value` under `key`.", parameters: [
            ParameterDeclaration(name: "key", type: .string, required: true, summary: "Where to keep it."),
            ParameterDeclaration(name: "value", type: .string, required: true, summary: "What to keep."),
        ])]
    )

    static let kept = Mutex<[String: [String]]>([:])
    static let loops = Mutex<[String: [ObjectIdentifier?]]>([:])

    static func makeTarget(_ config: TargetConfig) throws -> any ActionTarget { RecordTarget() }
}

struct RecordTarget: ActionTarget {
    func perform(_ request: ActionRequest, session: any PlayerSession) async -> ActionOutcome {
        let key = request.string("key") ?? ""
        let value = request.string("value") ?? ""
        RecordAdapter.kept.withLock { $0[key, default: []].append(value) }
        let loop = MultiThreadedEventLoopGroup.currentEventLoop.map { ObjectIdentifier($0) }
        RecordAdapter.loops.withLock { $0[key, default: []].append(loop) }
        return .ok()
    }
}
