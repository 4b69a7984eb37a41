import StampedeDSL
import StampedeModel
import Testing

/// One mistake should give one error: a malformed part that is reported must not also be reported as missing
/// wherever it is used.
@Suite("One mistake, one error")
struct ConsequentialErrorTests {
    typealias Harness = ValidationHarness

    /// Validates `yaml` and expects exactly one error, at `line`:`column`, containing `message`.
    private func expectSingleError(_ yaml: String, at line: Int, _ column: Int, _ message: String) {
        let result = Harness.validate(yaml)
        let errors = Harness.errors(result)
        #expect(errors.count == 1, "expected only '\(message)', got:\n\(Harness.listing(result))")
        #expect(Harness.diagnostic(in: result, line: line, column: column, containing: message)?.severity == .error,
                "\(Harness.listing(result))")
    }

    @Test("a misspelt state key leaves the state usable")
    func misspeltStateKey() {
        expectSingleError(BaseScenario.replacing(18, with: "        thinkk: 2s"), at: 18, 9, "unknown key 'thinkk'")
    }

    @Test("a bad think time does not make the state unknown")
    func badThinkTime() {
        expectSingleError(BaseScenario.replacing(18, with: "        think: soon"), at: 18, 16, "'soon' is not a duration")
    }

    @Test("a bad curve does not hide the load's behaviours")
    func badCurve() {
        expectSingleError(BaseScenario.replacing(27, with: "    rate: fast"), at: 27, 11, "'fast' is not a rate")
    }

    @Test("a target without adapter is not also reported as an unknown target")
    func targetWithoutAdapter() {
        expectSingleError(BaseScenario.replacing(6, with: "    config: {}"), at: 6, 5, "targets.game is missing 'adapter'")
    }

    @Test("a state without action or rendezvous is not also reported as an unknown state")
    func stateWithoutKind() {
        expectSingleError(BaseScenario.replacing(21...22, with: "        think: 1s"),
                          at: 21, 9, "needs one of 'action' or 'rendezvous'")
    }

    @Test("an empty state mapping is not also reported as starting in state 'end'")
    func emptyStates() {
        expectSingleError(BaseScenario.replacing(13...23, with: "    states: {}"),
                          at: 13, 13, "behaviours.casual.states needs at least one state")
    }

    @Test("an unknown load model is not also checked as a closed model")
    func unknownModel() {
        expectSingleError(BaseScenario.replacing(26, with: "    model: opn"), at: 26, 12, "'opn' is not one of open, closed, population")
    }
}
