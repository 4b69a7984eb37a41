/// Broken scenarios whose problem is the YAML itself, the structure, a type or a unit.
/// Line numbers refer to ``BaseScenario/lines``.
extension BrokenCase {
    typealias Base = BaseScenario

    static let syntax: [BrokenCase] = [
        BrokenCase("YAML syntax error", Base.replacing(6, with: "    adapter: null: x"),
                   at: 6, 18, "YAML syntax: mapping values are not allowed", hint: "quote values"),
        BrokenCase("unclosed flow mapping", Base.replacing(16, with: "        with: { delay: 20ms"),
                   at: 17, 16, "did not find expected ',' or '}'"),
        BrokenCase("tab indentation", Base.inserting(after: 6, "\tconfig: {}"),
                   at: 7, 1, "tab character that violates indentation", hint: "indent with spaces"),
        BrokenCase("duplicate top-level key", Base.inserting(after: 3, "duration: 5m"),
                   at: 4, 1, "duplicate key 'duration'"),
        BrokenCase("duplicate key in a state", Base.inserting(after: 18, "        think: 3s"),
                   at: 19, 9, "duplicate key 'think'"),
    ]

    static let keys: [BrokenCase] = [
        BrokenCase("unknown top-level key", Base.replacing(2, with: "sead: 42"),
                   at: 2, 1, "unknown key 'sead' in the scenario", hint: "did you mean 'seed'?"),
        BrokenCase("unknown target key", Base.inserting(after: 6, "    confg: {}"),
                   at: 7, 5, "unknown key 'confg' in targets.game", hint: "did you mean 'config'?"),
        BrokenCase("unknown state key", Base.replacing(18, with: "        thinkk: 2s"),
                   at: 18, 9, "unknown key 'thinkk' in behaviours.casual.states.login", hint: "did you mean 'think'?"),
        BrokenCase("unknown load key", Base.inserting(after: 27, "    arrival: poisson"),
                   at: 28, 5, "unknown key 'arrival' in load.main", hint: "did you mean 'arrivals'?"),
        BrokenCase("unknown curve argument", Base.replacing(27, with: "    rate: { ramp: { from: 1/s, too: 10/s, over: 1m } }"),
                   at: 27, 32, "unknown key 'too' in load.main.rate.ramp", hint: "did you mean 'to'?", errors: 2),
        BrokenCase("curve argument missing because misspelt", Base.replacing(27, with: "    rate: { ramp: { from: 1/s, too: 10/s, over: 1m } }"),
                   at: 27, 19, "load.main.rate.ramp is missing 'to'", errors: 2),
        BrokenCase("missing name", Base.replacing(1, with: nil), at: 1, 1, "the scenario is missing 'name'"),
        BrokenCase("missing duration", Base.replacing(3, with: nil), at: 1, 1, "the scenario is missing 'duration'"),
        BrokenCase("missing targets", Base.replacing(4...6, with: nil),
                   at: 1, 1, "the scenario is missing 'targets'", errors: nil),
        BrokenCase("missing states", Base.replacing(13...23, with: nil), at: 12, 5, "behaviours.casual is missing 'states'"),
        BrokenCase("missing adapter", Base.replacing(6, with: "    config: {}"),
                   at: 6, 5, "targets.game is missing 'adapter'", errors: nil),
        BrokenCase("missing load model", Base.replacing(26, with: nil), at: 26, 5, "load.main is missing 'model'"),
        BrokenCase("activity with neither every nor rate", Base.inserting(after: 12, "    activities: { chat: { start: play } }"),
                   at: 13, 25, "behaviours.casual.activities.chat needs one of 'every' or 'rate'"),
    ]

    static let types: [BrokenCase] = [
        BrokenCase("list where a mapping is expected", Base.replacing(4...6, with: "targets: [game]"),
                   at: 4, 10, "targets must be a mapping of names to", errors: nil),
        BrokenCase("mapping where text is expected", Base.replacing(1, with: "name: { a: b }"),
                   at: 1, 7, "name must be text, not a mapping"),
        BrokenCase("list where a duration is expected", Base.replacing(3, with: "duration: [10m]"),
                   at: 3, 11, "duration must be a duration such as 30s, not a list"),
        BrokenCase("text for the seed", Base.replacing(2, with: "seed: abc"),
                   at: 2, 7, "seed: expected a whole number, found text 'abc'"),
        BrokenCase("negative seed", Base.replacing(2, with: "seed: -1"), at: 2, 7, "seed: -1 is below the minimum of 0"),
        BrokenCase("behaviour weight 0", Base.replacing(12, with: "    weight: 0"),
                   at: 12, 13, "behaviours.casual.weight: 0 must be above 0"),
        BrokenCase("feeder header not a boolean", Base.inserting(after: 9, "    header: yes"),
                   at: 10, 13, "expected true or false, found text 'yes'"),
        BrokenCase("unknown load model", Base.replacing(26, with: "    model: opn"),
                   at: 26, 12, "'opn' is not one of open, closed, population", hint: "did you mean 'open'?", errors: nil),
        BrokenCase("unknown arrival process", Base.inserting(after: 27, "    arrivals: random"),
                   at: 28, 15, "'random' is not one of even, poisson"),
        BrokenCase("rendezvous for no players", Base.replacing(21...22, with: "        rendezvous: { players: 0 }"),
                   at: 21, 32, "rendezvous.players: 0 is below the minimum of 1"),
    ]

    static let units: [BrokenCase] = [
        BrokenCase("duration without unit", Base.replacing(3, with: "duration: 10"),
                   at: 3, 11, "duration '10' has no unit", hint: "write 10s"),
        BrokenCase("duration with an unknown unit", Base.replacing(3, with: "duration: 10min"),
                   at: 3, 11, "duration '10min' has unknown unit 'min'"),
        BrokenCase("duration of 0s", Base.replacing(3, with: "duration: 0s"), at: 3, 11, "duration must be more than 0s"),
        BrokenCase("think time without unit", Base.replacing(18, with: "        think: 2"),
                   at: 18, 16, "duration '2' has no unit"),
        BrokenCase("expected latency without unit", Base.inserting(after: 18, "        expect: 5"),
                   at: 19, 17, "expect: duration '5' has no unit"),
        BrokenCase("rate without unit", Base.replacing(27, with: "    rate: 10"),
                   at: 27, 11, "rate '10' has no unit", hint: "write 10/s"),
        BrokenCase("player count given as a rate", Base.replacing(26...27, with: "    model: closed\n    players: 10/s"),
                   at: 27, 14, "'10/s' is a rate, but a number of players is expected"),
        BrokenCase("probability 1.5", Base.replacing(23, with: "        next: { play: 1.5, end: 0.5 }"),
                   at: 23, 23, "probability 1.5 is outside 0…1"),
        BrokenCase("probabilities not summing to 1", Base.replacing(23, with: "        next: { play: 0.5, end: 0.4 }"),
                   at: 23, 15, "the probabilities of state 'play' sum to 0.9, not 1", hint: "'end'"),
        BrokenCase("probabilities above 1 in all", Base.replacing(23, with: "        next: { play: 70%, end: 50% }"),
                   at: 23, 15, "sum to 1.2, not 1", hint: "lower them by 0.2"),
    ]
}
