/// The scenario language's structure, as ``Shape``s: what the validator enforces and what
/// `scenarios/stampede.schema.json` is generated from.
public enum LanguageSchema {
    /// The shape of a whole scenario file.
    public static let scenario = ObjectShape("a scenario", "A Stampede load-test scenario.", [
        .required("name", .scalar(.init(.text, "A short name, used in reports.")), "A short name, used in reports."),
        .optional("description", .scalar(.init(.text, "What the scenario is for.")), "What the scenario is for."),
        .optional("seed", .scalar(.init(.integer(minimum: 0, maximum: nil), "Seed of every random choice.")),
                  "Seed of every random choice: the same seed gives the same plan, byte for byte."),
        .required("duration", .scalar(.init(.duration, "How long load is generated.")), "How long load is generated, e.g. 10m."),
        .required("targets", .dictionary(.init("a target", "Named adapter instances.", value: .reference("target"), nonEmpty: true)),
                  "Named adapter instances that actions run against."),
        .optional("data", .dictionary(.init("a feeder", "CSV feeders.", value: .reference("feeder"))),
                  "CSV files whose rows feed templates as {{ data.NAME.column }}."),
        .required("behaviours", .dictionary(.init("a behaviour", "Player types.", value: .reference("behaviour"), nonEmpty: true)),
                  "Player types: weighted state machines."),
        .required("load", .dictionary(.init("a load model", "Load models, run side by side.", value: .reference("load"), nonEmpty: true)),
                  "Load models (open, closed, population), run side by side."),
        .optional("thresholds", .dictionary(.init("a threshold", "Pass/fail criteria.", value: .reference("thresholdList"),
                                                  identifierKeys: false)),
                  "Pass/fail criteria, keyed by metric{tag:value}: a failed one makes the run exit 99."),
    ])

    /// Named shapes, referenced by ``Shape/reference(_:)``; in JSON Schema they are `$defs`.
    public static let definitions: [String: Shape] = [
        "target": .object(target),
        "feeder": .object(feeder),
        "behaviour": .object(behaviour),
        "state": .object(state),
        "activity": .object(activity),
        "load": .object(load),
        "distribution": .union(distribution),
        "rateCurve": .union(curve(.rate)),
        "levelCurve": .union(curve(.level)),
        "thresholdList": .union(thresholdList),
        "criterion": .union(criterion),
    ]

    static let target = ObjectShape("a target", "A named instance of an adapter.", [
        .required("adapter", .scalar(.init(.identifier, "The adapter's name.")), "The adapter, e.g. http or null."),
        .optional("config", .any(summary: "The adapter's settings."), "The adapter's settings (see `stampede adapters`)."),
    ])

    static let feeder = ObjectShape("a feeder", "A CSV file whose rows feed players' templates.", [
        .required("file", .scalar(.init(.text, "The CSV path, relative to the scenario.")), "The CSV path, relative to the scenario file."),
        .optional("columns", .list(.init("Column names.", item: .scalar(.init(.identifier, "A column name.")), minimumCount: 1)),
                  "Column names; by default the header row's."),
        .optional("header", .scalar(.init(.boolean, "Whether the first row is a header.")), "Whether the first row is a header (default true)."),
        .optional("order", .scalar(.init(.choice(["sequential", "random", "unique"]), "How rows are handed out.")),
                  "sequential (default), random, or unique (one row per player)."),
    ])

    static let behaviour = ObjectShape("a behaviour", "A player type: a weighted state machine.", [
        .optional("weight", .scalar(.init(.number(minimum: 0, exclusiveMinimum: true), "Share of the mix.")),
                  "Share of the mix relative to other behaviours (default 1)."),
        .optional("start", .scalar(.init(.identifier, "The first state.")), "The state a run begins in (default: the first state)."),
        .required("states", .dictionary(.init("a state", "The states.", value: .reference("state"), nonEmpty: true)),
                  "The states; `end` is reserved for the end of a run."),
        .optional("activities", .dictionary(.init("an activity", "Per-player activities.", value: .reference("activity"))),
                  "Population model: what each online player starts, and how often."),
    ])

    static let activity = ObjectShape("an activity", "Something each online player starts at a per-player rate.", [
        .optional("every", .scalar(.init(.duration, "Mean time between starts per player.")), "Once per this long per player, e.g. 300s."),
        .optional("rate", .scalar(.init(.rate, "Starts per player per time.")), "Starts per player, e.g. 12/h."),
        .required("start", .scalar(.init(.identifier, "The state the activity begins in.")), "The state the activity begins in."),
    ], exactlyOne: [["every", "rate"]])

    static let state = ObjectShape("a state", "One state of a behaviour.", [
        .optional("action", .scalar(.init(.actionReference, "target.action to perform.")), "The action to perform: target.action."),
        .optional("with", .any(summary: "The action's parameters."), "The action's parameters; text may use {{ templates }}."),
        .optional("capture", .dictionary(.init("a capture", "Session variables from the result.",
                                                value: .scalar(.init(.text, "A result field or expression.")))),
                  "Session variable ← result field (or $.json.path for http)."),
        .optional("tags", .dictionary(.init("a tag", "Tags on this action's samples.", value: .scalar(.init(.text, "The tag's value.")))),
                  "Tags added to this action's samples."),
        .optional("expect", .scalar(.init(.duration, "Expected latency.")), "The latency you expect, used by `plan` to estimate concurrency."),
        .optional("rendezvous", .object(rendezvous), "Wait here until this many players arrive, then release them together."),
        .optional("think", .reference("distribution"), "The pause after this state, e.g. 2s or {uniform: {min: 1s, max: 3s}}."),
        .optional("next", .union(next), "Where to go next: a state name, or state: probability pairs. Default: end."),
        .optional("on_error", .scalar(.init(.identifier, "A state, or end.")),
                  "Where to go when the action fails, instead of next (e.g. end: a player who could not join does not play)."),
    ], exactlyOne: [["action", "rendezvous"]])

    static let rendezvous = ObjectShape("a rendezvous", "A barrier for true thundering herds.", [
        .required("players", .scalar(.init(.integer(minimum: 1, maximum: nil), "How many players to wait for.")), "How many players to wait for."),
        .optional("timeout", .scalar(.init(.duration, "Release whoever is waiting after this long.")), "Release whoever is waiting after this long."),
    ])

    static let next = UnionShape("a transition", "The next state, or a probability for each next state.",
        scalar: .init(.identifier, "The next state (or end)."),
        dictionary: .init("a transition", "Next state → probability.", value: .scalar(.init(.probability, "Probability.")))
    )

    static let load = ObjectShape("a load model", "How load is generated.", [
        .required("model", .scalar(.init(.choice(["open", "closed", "population"]), "The kind of load model.")),
                  "open (arrival rate), closed (players looping) or population (players online, per-player rates)."),
        .optional("behaviours", .union(mix), "Which behaviours, with weights; default all, with their own weights."),
        .optional("rate", .reference("rateCurve"), "open: new runs per time, as a curve."),
        .optional("arrivals", .scalar(.init(.choice(ArrivalChoices.all), "How arrivals are spaced.")), "open: even (default) or poisson."),
        .optional("max_in_flight", .scalar(.init(.integer(minimum: 1, maximum: nil), "Cap on runs in progress.")),
                  "open: runs in progress at most; arrivals beyond it are dropped and counted."),
        .optional("players", .reference("levelCurve"), "closed and population: players, as a curve."),
    ])

    static let mix = UnionShape("a behaviour mix", "Behaviours of a load model.",
        list: .init("Behaviour names, with their own weights.", item: .scalar(.init(.identifier, "A behaviour.")), minimumCount: 1),
        dictionary: .init("a behaviour weight", "Behaviour → weight.", value: .scalar(.init(.number(minimum: 0, exclusiveMinimum: true), "Weight.")))
    )

    static let distribution = UnionShape("a distribution", "A pause: a duration, or a distribution of durations.",
        scalar: .init(.duration, "A constant pause."),
        tagged: [
            ("constant", ObjectShape("a constant pause", "Always the same pause.", [.required("constant", duration("The pause."), "The pause.")])),
            ("uniform", wrapper("uniform", ObjectShape("uniform bounds", "Uniform between min and max.", [
                .required("min", duration("Shortest."), "Shortest pause."), .required("max", duration("Longest."), "Longest pause."),
            ]))),
            ("exponential", wrapper("exponential", ObjectShape("exponential settings", "Exponential (memoryless) pauses.", [
                .required("mean", duration("Mean."), "Mean pause."), .optional("max", duration("Cap."), "Longest pause (truncated)."),
            ]))),
            ("normal", wrapper("normal", ObjectShape("normal settings", "Normal pauses, truncated to min…max.", [
                .required("mean", duration("Mean."), "Mean."), .required("stddev", duration("Standard deviation."), "Standard deviation."),
                .optional("min", duration("Lower bound."), "Lower bound (default 0)."), .optional("max", duration("Upper bound."), "Upper bound."),
            ]))),
            ("lognormal", wrapper("lognormal", ObjectShape("lognormal settings", "Log-normal pauses, truncated to min…max.", [
                .required("median", duration("Median."), "Median pause."),
                .required("sigma", .scalar(.init(.number(minimum: 0, exclusiveMinimum: true), "Shape.")), "Shape σ of ln(pause)."),
                .optional("min", duration("Lower bound."), "Lower bound."), .optional("max", duration("Upper bound."), "Upper bound."),
            ]))),
            ("pacing", ObjectShape("pacing", "Wait so the state takes this long in all.", [
                .required("pacing", duration("The state's total length."), "The state's total length, counted from its action's start."),
            ])),
        ]
    )

    static let thresholdList = UnionShape("threshold criteria", "One criterion or a list of them.",
        scalar: .init(.text, "A criterion such as p(95) < 200ms."),
        list: .init("Criteria; all must hold.", item: .reference("criterion"), minimumCount: 1)
    )

    static let criterion = UnionShape("a threshold criterion", "A criterion, optionally aborting the run.",
        scalar: .init(.text, "A criterion such as p(95) < 200ms."),
        tagged: [("threshold", ObjectShape("a threshold criterion", "A criterion with options.", [
            .required("threshold", .scalar(.init(.text, "The criterion.")), "A criterion such as p(95) < 200ms."),
            .optional("abortOnFail", .scalar(.init(.boolean, "Abort at once on failure.")), "Stop the run as soon as the criterion fails."),
            .optional("delayAbortEval", duration("Grace before aborting."), "Do not abort before this long into the run."),
        ]))]
    )

    static func duration(_ summary: String) -> Shape { .scalar(.init(.duration, summary)) }

    static func wrapper(_ key: String, _ inner: ObjectShape) -> ObjectShape {
        ObjectShape(inner.noun, inner.summary, [.required(key, .object(inner), inner.summary)])
    }
}

/// The spellings of ``ArrivalProcess``, kept here so the schema does not depend on the model's enum order.
enum ArrivalChoices {
    static let all = ["even", "poisson"]
}
