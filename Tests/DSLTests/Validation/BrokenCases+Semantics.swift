/// Broken scenarios whose problem is what they mean: states, adapters, templates, feeders, loads, curves,
/// thresholds. Line numbers refer to ``BaseScenario/lines``.
extension BrokenCase {
    static let behaviours: [BrokenCase] = [
        BrokenCase("transition to an unknown state", Base.replacing(19, with: "        next: plya"),
                   at: 19, 15, "state 'login' goes to unknown state 'plya'", hint: "did you mean 'play'?", errors: nil),
        BrokenCase("on_error to an unknown state", Base.inserting(after: 19, "        on_error: plya"),
                   at: 20, 19, "state 'login' goes on error to unknown state 'plya'", hint: "did you mean 'play'?", errors: nil),
        BrokenCase("unknown start state", Base.inserting(after: 12, "    start: lgin"),
                   at: 13, 12, "behaviour 'casual' starts in unknown state 'lgin'", hint: "did you mean 'login'?"),
        BrokenCase("activity starting in an unknown state",
                   Base.inserting(after: 12, "    activities: { chat: { every: 5m, start: lobby } }"),
                   at: 13, 45, "activity 'chat' starts in unknown state 'lobby'"),
        BrokenCase("'end' used as a state name", Base.inserting(after: 23, "      end:\n        action: game.ok"),
                   at: 24, 7, "'end' is reserved for the end of a run"),
        BrokenCase("behaviour that can never end", Base.replacing(23, with: "        next: play"),
                   at: 14, 7, "behaviour 'casual' can never end: no path leads from 'login', 'play' to 'end'"),
        BrokenCase("both action and rendezvous", Base.inserting(after: 21, "        rendezvous: { players: 10 }"),
                   at: 22, 9, "behaviours.casual.states.play has both 'action' and 'rendezvous'"),
        BrokenCase("neither action nor rendezvous", Base.replacing(21...22, with: "        think: 1s"),
                   at: 21, 9, "behaviours.casual.states.play needs one of 'action' or 'rendezvous'", errors: nil),
        BrokenCase("uniform pause with min above max", Base.replacing(18, with: "        think: { uniform: { min: 3s, max: 1s } }"),
                   at: 18, 16, "the pause's min is above its max"),
        BrokenCase("unknown kind of pause", Base.replacing(18, with: "        think: { gauss: { mean: 1s } }"),
                   at: 18, 18, "unknown kind of distribution 'gauss'"),
        BrokenCase("activity with both every and rate",
                   Base.inserting(after: 12, "    activities: { chat: { every: 5m, rate: 12/h, start: play } }"),
                   at: 13, 38, "behaviours.casual.activities.chat has both 'every' and 'rate'"),
    ]

    static let adapters: [BrokenCase] = [
        BrokenCase("unknown adapter", Base.replacing(6, with: "    adapter: nul"),
                   at: 6, 14, "target 'game' uses unknown adapter 'nul'", hint: "did you mean 'null'?"),
        BrokenCase("unknown target", Base.replacing(15, with: "        action: gme.ok"),
                   at: 15, 17, "state 'login' uses unknown target 'gme'", hint: "did you mean 'game'?"),
        BrokenCase("unknown action", Base.replacing(15, with: "        action: game.okay"),
                   at: 15, 22, "adapter 'null' (target 'game') has no action 'okay'", hint: "ok, fail, flaky"),
        BrokenCase("unknown action parameter", Base.replacing(16, with: #"        with: { delay: 20ms, retuns: { token: "t" } }"#),
                   at: 16, 30, "action game.ok has no parameter 'retuns'", hint: "did you mean 'returns'?"),
        BrokenCase("missing required parameter", Base.replacing(21...22, with: "        action: game.flaky\n        with: { delay: 1s }"),
                   at: 22, 15, "action game.flaky is missing required parameter 'error_rate'"),
        BrokenCase("parameter of the wrong type", Base.replacing(16, with: #"        with: { delay: fast, returns: { token: "t-{{ data.users.id }}" } }"#),
                   at: 16, 24, "action game.ok 'delay': 'fast' is not a duration"),
        BrokenCase("probability parameter above 100%", Base.replacing(21...22, with: "        action: game.flaky\n        with: { error_rate: 150% }"),
                   at: 22, 29, "probability 150% is outside 0…1"),
    ]

    static let templates: [BrokenCase] = [
        BrokenCase("template to an uncaptured session variable", Base.replacing(22, with: #"        with: { returns: { t: "{{ session.tokn }}" } }"#),
                   at: 22, 35, "session variable 'tokn' is never captured", hint: "did you mean 'token'?"),
        BrokenCase("template to an unknown feeder", Base.replacing(16, with: #"        with: { delay: 20ms, returns: { token: "t-{{ data.user.id }}" } }"#),
                   at: 16, 54, "unknown feeder 'user'", hint: "did you mean 'users'?"),
        BrokenCase("template to an unknown column", Base.replacing(16, with: #"        with: { delay: 20ms, returns: { token: "t-{{ data.users.name }}" } }"#),
                   at: 16, 54, "feeder 'users' has no column 'name'", hint: "id, password"),
        BrokenCase("template with an unknown root", Base.replacing(22, with: #"        with: { returns: { t: "{{ sesion.token }}" } }"#),
                   at: 22, 35, "unknown template reference 'sesion.token'", hint: "did you mean 'session'?"),
        BrokenCase("unclosed template", Base.replacing(22, with: #"        with: { returns: { t: "x {{ session.token" } }"#),
                   at: 22, 34, "'{{' is not closed"),
        BrokenCase("template to an unknown player field", Base.replacing(22, with: #"        with: { returns: { t: "{{ player.name }}" } }"#),
                   at: 22, 35, "unknown player field 'name'"),
    ]

    static let feeders: [BrokenCase] = [
        BrokenCase("feeder file missing", Base.replacing(9, with: "    file: nope.csv"),
                   at: 9, 11, "feeder 'users': file 'nope.csv' does not exist"),
        BrokenCase("feeder without header or columns", Base.inserting(after: 9, "    header: false"),
                   at: 8, 3, "feeder 'users' has no header row and no columns:"),
    ]

    static let loads: [BrokenCase] = [
        BrokenCase("open load without rate", Base.replacing(27, with: nil), at: 25, 3, "load 'main' (open) is missing 'rate'"),
        BrokenCase("closed load with rate", Base.replacing(26, with: "    model: closed"),
                   at: 27, 5, "'rate' does not apply to a closed load model", errors: 2),
        BrokenCase("population behaviour without activities", Base.replacing(26...27, with: "    model: population\n    players: 100"),
                   at: 25, 3, "behaviour 'casual' has no activities, so its players in population load 'main'"),
        BrokenCase("unknown behaviour in a mix list", Base.inserting(after: 27, "    behaviours: [casul]"),
                   at: 28, 18, "load 'main' uses unknown behaviour 'casul'", hint: "did you mean 'casual'?"),
        BrokenCase("unknown behaviour in a mix mapping", Base.inserting(after: 27, "    behaviours: { casual: 1, hardcor: 2 }"),
                   at: 28, 30, "load 'main' uses unknown behaviour 'hardcor'"),
        BrokenCase("mix weight 0", Base.inserting(after: 27, "    behaviours: { casual: 0 }"),
                   at: 28, 27, "load.main.behaviours.casual: 0 must be above 0"),
    ]

    static let curves: [BrokenCase] = [
        BrokenCase("unknown curve kind", Base.replacing(27, with: "    rate: { rampp: { from: 1/s, to: 10/s, over: 1m } }"),
                   at: 27, 13, "unknown kind of rate curve 'rampp'", hint: "did you mean 'ramp'?"),
        BrokenCase("two curve kinds in one mapping",
                   Base.replacing(27, with: "    rate: { ramp: { from: 1/s, to: 10/s, over: 1m }, hold: { value: 5/s } }"),
                   at: 27, 54, "load.main.rate is a rate curve with both 'ramp' and 'hold'"),
        BrokenCase("ramp over 0s", Base.replacing(27, with: "    rate: { ramp: { from: 1/s, to: 10/s, over: 0s } }"),
                   at: 27, 48, "ramp over must be longer than 0s"),
        BrokenCase("points not starting at 0s", Base.replacing(27, with: "    rate: { points: [[1s, 1/s], [10m, 5/s]] }"),
                   at: 27, 22, "points must start at 0s"),
        BrokenCase("points not ascending", Base.replacing(27, with: "    rate: { points: [[0s, 1/s], [5m, 5/s], [2m, 3/s]] }"),
                   at: 27, 44, "point times must increase"),
        BrokenCase("open-ended hold before another curve part",
                   Base.replacing(27, with: "    rate:\n      - hold: { value: 5/s }\n      - 10/s"),
                   at: 28, 9, "this part of the sequence never ends"),
    ]

    static let thresholds: [BrokenCase] = [
        BrokenCase("threshold on an unknown metric", Base.inserting(after: 27, "thresholds:\n  latncy: p(95) < 200ms"),
                   at: 29, 3, "unknown metric 'latncy'", hint: "did you mean 'latency'?"),
        BrokenCase("threshold with an unknown tag", Base.inserting(after: 27, "thresholds:\n  latency{acton:game.ok}: p(95) < 200ms"),
                   at: 29, 11, "unknown tag key 'acton'", hint: "did you mean 'action'?"),
        BrokenCase("threshold naming an unknown action", Base.inserting(after: 27, "thresholds:\n  latency{action:game.nope}: p(95) < 200ms"),
                   at: 29, 18, "unknown action 'game.nope'"),
        BrokenCase("aggregation that does not suit the metric", Base.inserting(after: 27, "thresholds:\n  errors: p(95) < 1%"),
                   at: 29, 11, "'p(95)' does not apply to 'errors'"),
    ]

    /// Every broken scenario.
    static let all: [BrokenCase] = syntax + keys + types + units + behaviours + adapters + templates + feeders + loads
        + curves + thresholds
}
