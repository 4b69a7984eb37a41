import StampedeDSL
import StampedeModel
import Testing

@Suite("Broken scenarios")
struct BrokenScenarioTests {
    typealias Harness = ValidationHarness

    @Test("the base scenario is valid and has nothing to report")
    func baseIsValid() {
        let result = Harness.validate(BaseScenario.text)
        #expect(result.isValid, "\(Harness.listing(result))")
        #expect(result.diagnostics.isEmpty, "\(Harness.listing(result))")
    }

    @Test("the table has enough cases, each with its own name")
    func tableIsComplete() {
        #expect(BrokenCase.all.count >= 45)
        #expect(Set(BrokenCase.all.map(\.name)).count == BrokenCase.all.count)
    }

    @Test("each broken scenario gets its error at the exact place", arguments: BrokenCase.all)
    func brokenScenario(_ broken: BrokenCase) {
        if let bug = broken.knownBug {
            withKnownIssue(Comment(rawValue: bug)) { check(broken) }
        } else {
            check(broken)
        }
    }

    private func check(_ broken: BrokenCase) {
        let result = Harness.validate(broken.yaml)
        let listing = Harness.listing(result)
        #expect(result.scenario == nil, "an invalid scenario must not be returned")
        #expect(!result.isValid)
        #expect(result.diagnostics == result.diagnostics.sortedByPosition(), "not sorted or repeated:\n\(listing)")
        let found = Harness.diagnostic(in: result, line: broken.line, column: broken.column, containing: broken.message)
        #expect(found != nil, "expected \(broken.line):\(broken.column) '\(broken.message)', got:\n\(listing)")
        guard let found else { return }
        #expect(found.severity == .error, "\(found)")
        #expect(found.location.file == Harness.fileName)
        if let hint = broken.hint {
            #expect(found.hint?.contains(hint) == true, "hint of \(found) should contain '\(hint)'")
        }
        if let count = broken.errorCount {
            #expect(Harness.errors(result).count == count, "expected \(count) error(s), got:\n\(listing)")
        }
    }

    @Test("every problem of a file is reported, sorted by position")
    func multipleProblems() {
        let yaml = BaseScenario.replacing([
            2: "seed: abc",
            6: "    adapter: nul",
            18: "        thinkk: 2s",
            22: #"        with: { returns: { t: "{{ session.tokn }}" } }"#,
            23: "        next: { play: 0.5, end: 0.4 }",
            27: "    rate: 10",
        ])
        let result = Harness.validate(yaml)
        let found = result.diagnostics.map { "\($0.location.line):\($0.location.column)" }
        #expect(found == ["2:7", "6:14", "18:9", "22:35", "23:15", "27:11"], "\(Harness.listing(result))")
        let expected = ["whole number", "unknown adapter 'nul'", "unknown key 'thinkk'", "'tokn' is never captured",
                        "sum to 0.9", "rate '10' has no unit"]
        for (diagnostic, message) in zip(result.diagnostics, expected) {
            #expect(diagnostic.severity == .error)
            #expect(diagnostic.message.contains(message), "\(diagnostic)")
        }
        #expect(result.scenario == nil)
    }

    @Test("two errors on one line are ordered by column")
    func sameLine() {
        let result = Harness.validate(BaseScenario.replacing(16, with: #"        with: { delay: fast, retuns: { token: "t" } }"#))
        let found = result.diagnostics.map { "\($0.location.line):\($0.location.column)" }
        #expect(found == ["16:24", "16:30"], "\(Harness.listing(result))")
    }

    @Test("an unreachable state is a warning, and the scenario stays valid")
    func unreachableState() {
        let result = Harness.validate(BaseScenario.inserting(after: 19, "      lost:\n        action: game.ok"))
        #expect(result.isValid, "\(Harness.listing(result))")
        #expect(result.scenario?.behaviour(named: "casual")?.state(named: "lost") != nil)
        #expect(Harness.errors(result).isEmpty)
        let warning = Harness.diagnostic(in: result, line: 20, column: 7, containing: "state 'lost' of behaviour 'casual' is never reached")
        #expect(warning?.severity == .warning, "\(Harness.listing(result))")
        #expect(result.diagnostics.count == 1)
    }

    @Test("a curve shorter than the scenario is a warning, and the scenario stays valid")
    func shortCurve() {
        let result = Harness.validate(BaseScenario.replacing(27, with: "    rate: { ramp: { from: 1/s, to: 10/s, over: 5m } }"))
        #expect(result.isValid, "\(Harness.listing(result))")
        let warning = Harness.diagnostic(in: result, line: 25, column: 3, containing: "load 'main' ends at 5m but the scenario lasts 10m")
        #expect(warning?.severity == .warning, "\(Harness.listing(result))")
        #expect(result.diagnostics.count == 1)
    }

    @Test("a curve longer than the scenario is a warning")
    func longCurve() {
        let result = Harness.validate(BaseScenario.replacing(27, with: "    rate: { ramp: { from: 1/s, to: 10/s, over: 20m } }"))
        #expect(result.isValid, "\(Harness.listing(result))")
        let warning = Harness.diagnostic(in: result, line: 25, column: 3, containing: "lasts 20m but the scenario stops at 10m")
        #expect(warning?.severity == .warning, "\(Harness.listing(result))")
    }

    @Test("a feeder naming fewer columns than its file has is a warning")
    func feederColumnCount() {
        let result = Harness.validate(BaseScenario.inserting(after: 9, "    columns: [id]"))
        #expect(result.isValid, "\(Harness.listing(result))")
        let warning = Harness.diagnostic(in: result, line: 8, column: 3, containing: "names 1 columns but its first row has 2")
        #expect(warning?.severity == .warning, "\(Harness.listing(result))")
    }

    @Test("warnings stay warnings next to errors")
    func warningsWithErrors() {
        var lines = BaseScenario.lines
        lines[1] = "seed: abc"
        lines.insert(contentsOf: ["      lost:", "        action: game.ok"], at: 19)
        let result = Harness.validate(lines.joined(separator: "\n"))
        #expect(!result.isValid)
        #expect(result.scenario == nil)
        #expect(Harness.errors(result).map(\.location.line) == [2], "\(Harness.listing(result))")
        #expect(Harness.warnings(result).map(\.location.line) == [20], "\(Harness.listing(result))")
    }
}
