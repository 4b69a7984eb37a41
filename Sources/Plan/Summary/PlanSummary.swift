/// What a plan will generate, for `stampede plan` (text and `--json`). Field names are stable; see
/// scenarios/README.md ("The plan document").
public struct PlanSummary: Codable, Sendable, Equatable {
    /// The scenario's name.
    public var scenario: String
    /// The scenario file.
    public var file: String
    /// The seed of every random choice.
    public var seed: UInt64
    /// How long load is generated, in seconds.
    public var durationSeconds: Double
    /// Each load model.
    public var loads: [LoadSummary]
    /// Each behaviour.
    public var behaviours: [BehaviourSummary]
    /// Each action, by expected count (largest first).
    public var actions: [ActionSummary]
    /// Totals over the whole plan.
    public var totals: Totals

    /// Totals over the whole plan.
    public struct Totals: Codable, Sendable, Equatable {
        /// Runs of behaviours started by open loads, activities, and players joining.
        public var plannedStarts: Int
        /// Expected actions performed.
        public var expectedActions: Double
        /// Expected actions per second, on average over the duration.
        public var meanActionsPerSecond: Double
        /// Whether some counts are estimates (closed loads depend on the target's speed).
        public var containsEstimates: Bool
    }
}

/// One load model in a plan.
public struct LoadSummary: Codable, Sendable, Equatable {
    /// The load's name.
    public var name: String
    /// open, closed or population.
    public var model: String
    /// Open: arrivals planned (exactly the curve's integral, rounded once).
    public var plannedArrivals: Int?
    /// Closed and population: players who come online over the run.
    public var plannedJoins: Int?
    /// Population: activity starts planned, per behaviour and activity.
    public var activities: [ActivitySummary]
    /// Closed: expected iterations, estimated from expected run length (nil when it cannot be estimated).
    public var estimatedIterations: Double?
    /// What the curve counts: `per_second` (rates) or `players`.
    public var curveUnit: String
    /// Highest value of the curve, averaged over 1-second bins.
    public var peak: Double
    /// Mean value of the curve over the duration.
    public var mean: Double
    /// The curve averaged over equal slices of the duration (for charts).
    public var curve: [Double]
    /// Expected concurrency (runs in progress), by Little's law: rate × expected run length.
    public var expectedConcurrency: Concurrency?

    /// Little's-law concurrency estimate.
    public struct Concurrency: Codable, Sendable, Equatable {
        /// At the mean rate.
        public var mean: Double
        /// At the peak rate.
        public var peak: Double
        /// Whether every action on the way declares `expect:` (otherwise actions count as instant).
        public var latenciesDeclared: Bool
    }
}

/// One population activity's planned starts.
public struct ActivitySummary: Codable, Sendable, Equatable {
    /// The behaviour.
    public var behaviour: String
    /// The activity.
    public var activity: String
    /// Starts planned.
    public var plannedStarts: Int
}

/// One behaviour in a plan.
public struct BehaviourSummary: Codable, Sendable, Equatable {
    /// The behaviour's name.
    public var name: String
    /// Expected runs started (from its start state, and from activities).
    public var expectedRuns: Double
    /// Expected actions per run from the start state.
    public var actionsPerRun: Double
    /// Expected seconds per run from the start state (declared latencies plus pauses).
    public var secondsPerRun: Double
    /// Expected actions in all.
    public var expectedActions: Double
}

/// One action in a plan.
public struct ActionSummary: Codable, Sendable, Equatable {
    /// `target.action`.
    public var name: String
    /// Expected count over the run.
    public var expectedCount: Double
    /// Share of all actions, 0…1.
    public var share: Double
    /// Expected per second, on average.
    public var meanPerSecond: Double
}
