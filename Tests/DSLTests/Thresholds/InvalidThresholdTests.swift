import StampedeDSL
import StampedeModel
import Testing

/// A threshold with one problem: where it must be reported and what the message and hint must say.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    let key: String
    let text: String
    let line: Int
    let column: Int
    let message: String
    let hint: String?

    /// A problem in the key (line 3, which starts at column 5).
    static func key(_ key: String, column: Int, _ message: String, hint: String? = nil) -> InvalidCase {
        InvalidCase(key: key, text: "count > 0", line: 3, column: column, message: message, hint: hint)
    }

    /// A problem in the criterion `text` of `key` (line 4, which starts at column 10).
    static func criterion(_ key: String, _ text: String, column: Int, _ message: String, hint: String? = nil) -> InvalidCase {
        InvalidCase(key: key, text: text, line: 4, column: column, message: message, hint: hint)
    }

    var testDescription: String { "\(key): \(text)" }
}

@Suite("Invalid thresholds")
struct InvalidThresholdTests {
    static let keyCases: [InvalidCase] = [
        .key("latncy", column: 5, "unknown metric 'latncy'", hint: "did you mean 'latency'?"),
        .key("foo", column: 5, "unknown metric 'foo'", hint: "metrics are: latency, service_time"),
        .key("latency{action:game.login", column: 12, "unclosed '{'", hint: "end the tag filter with '}'"),
        .key("latency}", column: 12, "unbalanced '}'"),
        .key("latency[action:game.login]", column: 12, "unexpected '[' after metric 'latency'"),
        .key("{action:game.login}", column: 5, "missing metric name before '{'"),
        .key("latency{action}", column: 13, "tag filter 'action' has no ':'", hint: "write key:value"),
        .key("latency{acton:game.login}", column: 13, "unknown tag key 'acton'", hint: "did you mean 'action'?"),
        .key("latency{action:game.logn}", column: 20, "unknown action 'game.logn'", hint: "did you mean 'game.login'?"),
        .key("latency{action:move}", column: 20, "unknown action 'move'", hint: "did you mean 'game.move'?"),
        .key("latency{action:login}", column: 20, "unknown action 'login'", hint: "game.login, api.login"),
        .key("latency{target:gmae}", column: 20, "unknown target 'gmae'", hint: "did you mean 'game'?"),
        .key("latency{state:lobby,load:rmap}", column: 30, "unknown load 'rmap'", hint: "did you mean 'ramp'?"),
        .key("latency{behaviour:casual,behaviour:hardcore}", column: 30, "tag 'behaviour' is filtered twice"),
        .key("latency{}", column: 12, "empty tag filter '{}'"),
        .key("latency{action:game.login,}", column: 30, "extra ','"),
        .key("latency{:game.login}", column: 13, "missing tag key before ':'"),
        .key("latency{action:}", column: 19, "missing value for tag 'action'"),
        .key("latency{action:game.login} x", column: 32, "unexpected 'x' after '}'"),
        .key(#"latency{status:"200}"#, column: 20, #"unterminated '"'"#),
        .key(#"latency{status:2"00"}"#, column: 21, #"unexpected '"' in value of tag 'status'"#),
        .key("latency{a{b:c}", column: 14, "unexpected '{' inside tag filter"),
        .key("", column: 5, "empty threshold key"),
    ]

    static let criterionCases: [InvalidCase] = [
        .criterion("latency", "p(95) < 200", column: 18, "bound '200' has no unit, but 'p(95)' of 'latency' is a duration", hint: "write 200ms"),
        .criterion("latency", "p(95) =< 200ms", column: 16, "unknown operator '=<'", hint: "use <="),
        .criterion("latency", "p(95) = 200ms", column: 16, "unknown operator '='", hint: "use =="),
        .criterion("latency", "p(95) => 200ms", column: 16, "unknown operator '=>'", hint: "use >="),
        .criterion("latency", "p(95) != 200ms", column: 16, "operator '!=' is not supported"),
        .criterion("latency", "p(95) < ", column: 18, "missing value after '<'"),
        .criterion("latency", "p(95)", column: 15, "missing operator after 'p(95)'"),
        .criterion("latency", "p(95) 200ms", column: 16, "missing operator before '200ms'"),
        .criterion("latency", "< 200ms", column: 10, "missing aggregation before '<'"),
        .criterion("latency", "", column: 10, "empty threshold criterion"),
        .criterion("latency", "avgg < 100ms", column: 10, "unknown aggregation 'avgg'", hint: "did you mean 'avg'?"),
        .criterion("latency", "p95 < 200ms", column: 10, "unknown aggregation 'p95'", hint: "write p(95)"),
        .criterion("latency", "median < 1s", column: 10, "unknown aggregation 'median'", hint: "write med"),
        .criterion("latency", "AVG < 1s", column: 10, "unknown aggregation 'AVG'", hint: "write avg"),
        .criterion("latency", "max < 2s,", column: 18, "unexpected ',' after the value"),
        .criterion("latency", "p(101) < 1s", column: 12, "percentile '101' is outside 0 < N ≤ 100"),
        .criterion("latency", "p(0) < 1s", column: 12, "percentile '0' is outside 0 < N ≤ 100"),
        .criterion("latency", "p() < 1s", column: 12, "missing percentile in 'p()'"),
        .criterion("latency", "p(abc) < 1s", column: 12, "percentile 'abc' is not a number"),
        .criterion("latency", "p(95 < 1s", column: 11, "unclosed 'p('"),
        .criterion("latency", "p(95) < 200xs", column: 21, "unknown unit 'xs'"),
        .criterion("latency", "p(95) < fast", column: 18, "value 'fast' is not a number"),
        .criterion("latency", "p(95) < 200ms and avg < 1s", column: 24, "unexpected 'and avg < 1s' after the value"),
        .criterion("latency", "avg < -5ms", column: 16, "bound '-5ms' is negative"),
        .criterion("latency", "p(95) < 5%", column: 19, "'p(95)' of 'latency' is a duration, not '5%'"),
        .criterion("latency", "value < 1s", column: 10, "'value' does not apply to 'latency', a trend", hint: "a trend allows avg, min, max, med, p(N), count"),
        .criterion("errors", "rate < 5", column: 17, "bound '5' is more than 1, but 'rate' of 'errors' is a fraction", hint: "write 5%"),
        .criterion("errors", "rate < 150%", column: 17, "bound '150%' is more than 100%"),
        .criterion("errors", "rate < 200ms", column: 20, "'rate' of 'errors' is a fraction, not '200ms'"),
        .criterion("errors", "avg < 1%", column: 10, "'avg' does not apply to 'errors', a rate", hint: "a rate allows rate, count"),
        .criterion("requests", "avg < 100", column: 10, "'avg' does not apply to 'requests', a counter", hint: "a counter allows count, rate"),
        .criterion("requests", "count < 10ms", column: 20, "'count' of 'requests' is a plain number, not '10ms'"),
        .criterion("requests", "rate < 5%", column: 18, "'rate' of 'requests' is events per second, not '5%'"),
        .criterion("requests", "rate > 10/fortnight", column: 19, "unknown rate unit '/fortnight'"),
        .criterion("players_online", "p(95) < 10", column: 10, "'p(95)' does not apply to 'players_online', a gauge", hint: "a gauge allows value, min, max"),
        .criterion("players_online", "value > 10s", column: 20, "'value' of 'players_online' is a plain number"),
    ]

    @Test("reports a key problem at its exact column", arguments: keyCases)
    func keyProblem(_ invalid: InvalidCase) {
        check(invalid)
    }

    @Test("reports a criterion problem at its exact column", arguments: criterionCases)
    func criterionProblem(_ invalid: InvalidCase) {
        check(invalid)
    }

    private func check(_ invalid: InvalidCase) {
        let (spec, diagnostics) = ThresholdFixture.compile(invalid.key, [invalid.text])
        #expect(spec == nil)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        guard let diagnostic = diagnostics.first else { return }
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location.line == invalid.line)
        #expect(diagnostic.location.column == invalid.column, "\(diagnostic)")
        #expect(diagnostic.message.contains(invalid.message), "\(diagnostic)")
        if let hint = invalid.hint {
            #expect(diagnostic.hint?.contains(hint) == true, "\(diagnostic)")
        } else {
            #expect(diagnostic.hint != nil, "every error says how to fix it")
        }
    }
}
