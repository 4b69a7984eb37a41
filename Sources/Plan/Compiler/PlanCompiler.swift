import StampedeModel

/// A scenario compiled for running: behaviours and loads ready to schedule, with the seed that fixes every choice.
public struct CompiledPlan: Sendable {
    /// The scenario it was compiled from.
    public let scenario: Scenario
    /// The seed of every random choice.
    public let seed: UInt64
    /// Compiled behaviours, in the scenario's order.
    public let behaviours: [CompiledBehaviour]
    /// Compiled loads, in the scenario's order.
    public let loads: [CompiledLoad]

    /// A fresh schedule of the plan's tasks, generated lazily slice by slice.
    public func schedule() -> TaskSchedule {
        TaskSchedule(plan: self)
    }
}

/// Turns a validated ``Scenario`` into a ``CompiledPlan``. Pure: the same scenario and seed give the same plan.
public enum PlanCompiler {
    /// The seed used when neither the scenario nor the caller gives one.
    public static let defaultSeed: UInt64 = 1

    /// Compiles `scenario`; `seed` overrides the scenario's own.
    public static func compile(_ scenario: Scenario, seed: UInt64? = nil) -> CompiledPlan {
        let behaviours = scenario.behaviours.map(CompiledBehaviour.init)
        let index = Dictionary(scenario.behaviours.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let loads = scenario.loads.compactMap { CompiledLoad($0, behaviourIndex: index, horizon: scenario.duration) }
        return CompiledPlan(
            scenario: scenario, seed: seed ?? scenario.seed ?? defaultSeed, behaviours: behaviours, loads: loads
        )
    }
}
