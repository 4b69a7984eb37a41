/// A validated scenario: everything `plan` and `run` need, with the place each part came from.
///
/// Times are in seconds, rates in events per second.
public struct Scenario: Sendable {
    /// The file it was read from, as named by the user.
    public var file: String
    /// A short name, used in reports.
    public var name: String
    /// What the scenario is for.
    public var description: String?
    /// The seed of every random choice; the same seed gives the same plan.
    public var seed: UInt64?
    /// How long load is generated, in seconds.
    public var duration: Double
    /// Named adapter instances.
    public var targets: [TargetSpec]
    /// CSV feeders.
    public var feeders: [FeederSpec]
    /// Player types.
    public var behaviours: [BehaviourSpec]
    /// Load models, run side by side.
    public var loads: [LoadSpec]
    /// Pass/fail criteria.
    public var thresholds: [ThresholdSpec]

    /// Creates a scenario.
    public init(
        file: String, name: String, description: String? = nil, seed: UInt64? = nil, duration: Double,
        targets: [TargetSpec] = [], feeders: [FeederSpec] = [], behaviours: [BehaviourSpec] = [],
        loads: [LoadSpec] = [], thresholds: [ThresholdSpec] = []
    ) {
        self.file = file
        self.name = name
        self.description = description
        self.seed = seed
        self.duration = duration
        self.targets = targets
        self.feeders = feeders
        self.behaviours = behaviours
        self.loads = loads
        self.thresholds = thresholds
    }

    /// The behaviour called `name`.
    public func behaviour(named name: String) -> BehaviourSpec? { behaviours.first { $0.name == name } }
    /// The target called `name`.
    public func target(named name: String) -> TargetSpec? { targets.first { $0.name == name } }
}

/// A named adapter instance.
public struct TargetSpec: Sendable {
    /// The name actions use (`action: NAME.login`).
    public var name: String
    /// The adapter it instantiates.
    public var adapter: String
    /// The adapter's settings.
    public var config: [String: ConfigValue]
    /// Where it is declared.
    public var location: SourceLocation

    /// Creates a target.
    public init(name: String, adapter: String, config: [String: ConfigValue] = [:], location: SourceLocation) {
        self.name = name
        self.adapter = adapter
        self.config = config
        self.location = location
    }
}

/// A CSV file whose rows feed players' templates.
public struct FeederSpec: Sendable {
    /// How rows are handed out.
    public enum Order: String, Sendable, CaseIterable {
        /// Row after row, wrapping around.
        case sequential
        /// A seeded random row each time.
        case random
        /// Each player gets its own row; running out of rows is an error at run time.
        case unique
    }

    /// The name templates use (`{{ data.NAME.column }}`).
    public var name: String
    /// The CSV path, resolved against the scenario's folder.
    public var path: String
    /// Column names (from `columns:` or the header row).
    public var columns: [String]
    /// Whether the first row is a header.
    public var header: Bool
    /// How rows are handed out.
    public var order: Order
    /// Where it is declared.
    public var location: SourceLocation
    /// Where `file:` names the CSV, when read from a file.
    public var fileLocation: SourceLocation?

    /// Creates a feeder.
    public init(
        name: String, path: String, columns: [String], header: Bool, order: Order, location: SourceLocation,
        fileLocation: SourceLocation? = nil
    ) {
        self.fileLocation = fileLocation
        self.name = name
        self.path = path
        self.columns = columns
        self.header = header
        self.order = order
        self.location = location
    }
}
