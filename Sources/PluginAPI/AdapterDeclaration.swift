/// What a target adapter offers, as the scenario language sees it.
///
/// `stampede validate` checks every action of a scenario against the declaration of the adapter that
/// the action's target uses: the action must exist, required parameters must be present, and every
/// value must have the declared type. The declaration is data: the language itself knows nothing
/// about HTTP, Redis or matchmaking.
///
/// ```swift
/// let declaration = AdapterDeclaration(
///     name: "echo",
///     summary: "Answers every action at once.",
///     actions: [
///         ActionDeclaration(name: "say", summary: "Says a word.", parameters: [
///             ParameterDeclaration(name: "word", type: .string, required: true, summary: "What to say."),
///         ]),
///     ]
/// )
/// ```
public struct AdapterDeclaration: Sendable, Equatable {
    /// The name scenarios use in `adapter:`.
    public var name: String
    /// One line on what the adapter drives.
    public var summary: String
    /// The settings a target of this adapter takes under `config:`.
    public var config: [ParameterDeclaration]
    /// The actions a state may perform on a target of this adapter.
    public var actions: [ActionDeclaration]
    /// Metrics the adapter reports beyond the built-in ones (they may be used in thresholds).
    public var metrics: [MetricDeclaration]
    /// Tag keys the adapter sets on its samples (beyond the built-in tags), usable in threshold filters.
    public var tags: [String]

    /// Creates a declaration.
    public init(
        name: String,
        summary: String,
        config: [ParameterDeclaration] = [],
        actions: [ActionDeclaration],
        metrics: [MetricDeclaration] = [],
        tags: [String] = []
    ) {
        self.name = name
        self.summary = summary
        self.config = config
        self.actions = actions
        self.metrics = metrics
        self.tags = tags
    }

    /// The action called `name`, if the adapter offers it.
    public func action(named name: String) -> ActionDeclaration? {
        actions.first { $0.name == name }
    }
}

/// One action an adapter offers.
public struct ActionDeclaration: Sendable, Equatable {
    /// The name used after the target in `action: target.name`.
    public var name: String
    /// One line on what the action does.
    public var summary: String
    /// The parameters the action takes under `with:`.
    public var parameters: [ParameterDeclaration]
    /// The result fields a state may capture into the player's session, or `nil` when any capture
    /// expression is accepted (for example a JSON path into a response body).
    public var captures: [String]?

    /// Creates an action declaration.
    public init(name: String, summary: String, parameters: [ParameterDeclaration] = [], captures: [String]? = []) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.captures = captures
    }
}

/// One parameter of an action or one setting of a target.
public struct ParameterDeclaration: Sendable, Equatable {
    /// The key under `with:` or `config:`.
    public var name: String
    /// The type its value must have.
    public var type: ParameterType
    /// Whether a scenario must give it.
    public var required: Bool
    /// One line on what it means; shown in help and in the JSON Schema.
    public var summary: String

    /// Creates a parameter declaration.
    public init(name: String, type: ParameterType, required: Bool = false, summary: String) {
        self.name = name
        self.type = type
        self.required = required
        self.summary = summary
    }
}

/// The type of a parameter value. String values may contain `{{ … }}` templates.
public enum ParameterType: Sendable, Equatable {
    /// Text; may contain templates.
    case string
    /// A whole number.
    case integer
    /// Any number.
    case number
    /// `true` or `false`.
    case boolean
    /// A duration with a unit, such as `250ms` or `2m`.
    case duration
    /// A think-time style distribution (`2s`, `{uniform: {min: 1s, max: 3s}}`, …).
    case distribution
    /// A probability: a number in 0...1 or a percentage such as `10%`.
    case probability
    /// A mapping of names to text values (headers, query parameters).
    case stringMap
    /// A list of text values.
    case stringList
    /// One of the given words.
    case choice([String])
    /// Any YAML value (for example a JSON body).
    case any
}

/// A metric an adapter reports.
public struct MetricDeclaration: Sendable, Equatable {
    /// The metric name used in thresholds.
    public var name: String
    /// How the metric aggregates.
    public var kind: MetricKind
    /// One line on what it measures.
    public var summary: String

    /// Creates a metric declaration.
    public init(name: String, kind: MetricKind, summary: String) {
        self.name = name
        self.kind = kind
        self.summary = summary
    }
}

/// How a metric aggregates, which decides the aggregations a threshold may use on it.
public enum MetricKind: String, Sendable, Equatable, CaseIterable {
    /// A sum that only grows (`count`, and `rate` per second).
    case counter
    /// A value that goes up and down (`value`, `min`, `max`).
    case gauge
    /// The fraction of samples that are true (`rate`, and `count` of true samples).
    case rate
    /// A distribution of values (`avg`, `min`, `max`, `med`, `p(N)`, `count`).
    case trend
}
