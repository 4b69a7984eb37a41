import StampedeDSL
import StampedeModel
import Testing

@Suite("Threshold diagnostics")
struct ThresholdDiagnosticsTests {
    @Test("reports every problem at once: key, tags and each criterion")
    func everyProblem() {
        let (spec, diagnostics) = ThresholdFixture.compile(
            "latncy{acton:x,target:nope}", ["p(95) =< 200ms", "avgg < 1s", "p(99) < 1s"])
        #expect(spec == nil)
        let found = diagnostics.sortedByPosition().map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(found == [
            "3:5 unknown metric 'latncy'",
            "3:12 unknown tag key 'acton'",
            "3:27 unknown target 'nope'",
            "4:10 unknown aggregation 'avgg'",
            "4:16 unknown operator '=<'",
        ])
    }

    @Test("still checks units once the metric is known, criterion by criterion")
    func unitsPerCriterion() {
        let (spec, diagnostics) = ThresholdFixture.compile("errors", ["rate < 1%", "rate < 2", "count < 1s"])
        #expect(spec == nil)
        #expect(diagnostics.map(\.message).sorted() == [
            "'count' of 'errors' is a plain number, not '1s'",
            "bound '2' is more than 1, but 'rate' of 'errors' is a fraction",
        ])
    }

    @Test("a threshold without criteria is an error at its key")
    func noCriteria() {
        let (spec, diagnostics) = ThresholdFixture.compile("latency", [])
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["threshold 'latency' has no criteria"])
        #expect(diagnostics.first?.location == ThresholdFixture.keyLocation)
    }

    @Test(
        "warns when abortOnFail would stop the run as soon as it starts",
        arguments: ["count > 100", "count >= 1", "count == 5"])
    func abortAtStart(_ text: String) {
        let (spec, diagnostics) = ThresholdFixture.compile("requests", [text], abortOnFail: true)
        #expect(spec != nil, "a warning does not reject the threshold")
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.first?.message.contains("fails when the run starts") == true)
        #expect(diagnostics.first?.hint?.contains("delayAbortEval") == true)
    }

    @Test(
        "no warning when the run may start safely",
        arguments: [("count < 100", true, nil), ("count > 100", false, nil), ("count > 100", true, 60.0)] as [(String, Bool, Double?)])
    func noAbortWarning(_ text: String, _ abort: Bool, _ delay: Double?) {
        let (spec, diagnostics) = ThresholdFixture.compile("requests", [text], abortOnFail: abort, delayAbortEval: delay)
        #expect(spec != nil)
        #expect(diagnostics.isEmpty)
    }

    @Test("diagnostics read FILE:LINE:COL: error: message — hint")
    func rendering() {
        let (_, diagnostics) = ThresholdFixture.compile("latency", ["p(95) < 200"])
        #expect(diagnostics.map(\.description) == [
            "scenario.yaml:4:18: error: bound '200' has no unit, but 'p(95)' of 'latency' is a duration — write 200ms",
        ])
    }
}
