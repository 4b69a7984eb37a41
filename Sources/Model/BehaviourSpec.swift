/// A player type: a weighted state machine.
public struct BehaviourSpec: Sendable {
    /// The behaviour's name.
    public var name: String
    /// Its share of the mix, relative to the other behaviours of a load model.
    public var weight: Double
    /// The state a run of the behaviour begins in.
    public var start: String
    /// The states, in the order they were written.
    public var states: [StateSpec]
    /// Per-player activity rates (used by the population model).
    public var activities: [ActivitySpec]
    /// Where it is declared.
    public var location: SourceLocation
    /// Where `start:` names the first state, if it does.
    public var startLocation: SourceLocation?

    /// Creates a behaviour.
    public init(
        name: String, weight: Double, start: String, states: [StateSpec], activities: [ActivitySpec] = [],
        location: SourceLocation, startLocation: SourceLocation? = nil
    ) {
        self.startLocation = startLocation
        self.name = name
        self.weight = weight
        self.start = start
        self.states = states
        self.activities = activities
        self.location = location
    }

    /// The state called `name`.
    public func state(named name: String) -> StateSpec? { states.first { $0.name == name } }
}

/// The reserved state name that ends a run of a behaviour.
public let endStateName = "end"

/// One state of a behaviour.
public struct StateSpec: Sendable {
    /// What happens in the state.
    public enum Kind: Sendable {
        /// Perform an action of a target.
        case action(ActionSpec)
        /// Wait until `players` players have reached this state, then release them together.
        case rendezvous(players: Int, timeout: Double?)
    }

    /// The state's name.
    public var name: String
    /// What happens in it.
    public var kind: Kind
    /// The pause after it, before the next state.
    public var think: DistributionSpec?
    /// Where to go next; probabilities sum to 1. Empty means `end`.
    public var transitions: [Transition]
    /// Where to go instead when the state's action fails (a state name or `end`); nil: on to `transitions`, as after
    /// a success.
    public var onError: String?
    /// Where `on_error` is written.
    public var onErrorLocation: SourceLocation?
    /// Where it is declared.
    public var location: SourceLocation

    /// Creates a state.
    public init(
        name: String, kind: Kind, think: DistributionSpec? = nil, transitions: [Transition], onError: String? = nil,
        onErrorLocation: SourceLocation? = nil, location: SourceLocation
    ) {
        self.name = name
        self.kind = kind
        self.think = think
        self.transitions = transitions
        self.onError = onError
        self.onErrorLocation = onErrorLocation
        self.location = location
    }

    /// The action it performs, if it is an action state.
    public var action: ActionSpec? {
        if case .action(let action) = kind { return action }
        return nil
    }
}

/// An action performed in a state.
public struct ActionSpec: Sendable {
    /// The target's name.
    public var target: String
    /// The action's name in the target's adapter.
    public var action: String
    /// Parameters under `with:`.
    public var parameters: [String: ConfigValue]
    /// Session variable name → result field (or adapter-specific expression).
    public var captures: [String: String]
    /// The latency the author expects, in seconds, for the plan's concurrency estimate.
    public var expectedLatency: Double?
    /// Tags added to every sample of this action.
    public var tags: [String: String]
    /// Where `target.action` is written, when read from a file.
    public var location: SourceLocation?

    /// Creates an action.
    public init(
        target: String, action: String, parameters: [String: ConfigValue] = [:], captures: [String: String] = [:],
        expectedLatency: Double? = nil, tags: [String: String] = [:], location: SourceLocation? = nil
    ) {
        self.location = location
        self.target = target
        self.action = action
        self.parameters = parameters
        self.captures = captures
        self.expectedLatency = expectedLatency
        self.tags = tags
    }

    /// `target.action`, the name reports and thresholds use.
    public var qualifiedName: String { "\(target).\(action)" }
}

/// A move from one state to another.
public struct Transition: Sendable, Equatable {
    /// The next state's name (or `end`).
    public var to: String
    /// Its probability, 0...1.
    public var probability: Double
    /// Where the target state is named, when read from a file.
    public var location: SourceLocation?

    /// Creates a transition.
    public init(to: String, probability: Double, location: SourceLocation? = nil) {
        self.to = to
        self.probability = probability
        self.location = location
    }
}

/// A per-player activity of the population model: each online player starts it at `ratePerSecond`.
public struct ActivitySpec: Sendable {
    /// The activity's name.
    public var name: String
    /// Starts per player per second (`every: 300s` is 1/300).
    public var ratePerSecond: Double
    /// The state the activity begins in.
    public var start: String
    /// Where it is declared.
    public var location: SourceLocation
    /// Where `start:` names its first state, when read from a file.
    public var startLocation: SourceLocation?

    /// Creates an activity.
    public init(name: String, ratePerSecond: Double, start: String, location: SourceLocation, startLocation: SourceLocation? = nil) {
        self.startLocation = startLocation
        self.name = name
        self.ratePerSecond = ratePerSecond
        self.start = start
        self.location = location
    }
}
