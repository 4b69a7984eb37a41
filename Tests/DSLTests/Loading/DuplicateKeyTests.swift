import StampedeDSL
import StampedeModel
import Testing

/// A key given twice is reported at its second occurrence, wherever and however it is written.
@Suite("Duplicate keys")
struct DuplicateKeyTests {
    typealias Harness = ValidationHarness

    /// Expects exactly one error, a duplicate of `key`, at `line`:`column`.
    private func expectDuplicate(_ yaml: String, _ key: String, at line: Int, _ column: Int) {
        let result = Harness.validate(yaml)
        #expect(Harness.errors(result).count == 1, "\(Harness.listing(result))")
        #expect(Harness.diagnostic(in: result, line: line, column: column, containing: "duplicate key '\(key)'")?.severity == .error,
                "\(Harness.listing(result))")
    }

    @Test("a duplicate after other keys is found at the second occurrence, not the first")
    func afterOtherKeys() {
        expectDuplicate(BaseScenario.inserting(after: 27, "    model: closed"), "model", at: 28, 5)
    }

    @Test("a duplicate state name is found")
    func duplicateState() {
        expectDuplicate(BaseScenario.inserting(after: 23, "      login:\n        action: game.ok"), "login", at: 24, 7)
    }

    @Test("a quoted duplicate is found at its quote")
    func quoted() {
        expectDuplicate(BaseScenario.inserting(after: 2, #""seed": 43"#), "seed", at: 3, 1)
    }

    @Test("a duplicate inside a one-line flow mapping is found at the second occurrence")
    func flowMapping() {
        expectDuplicate(BaseScenario.replacing(23, with: "        next: { play: 0.5, play: 0.5 }"), "play", at: 23, 28)
    }
}
