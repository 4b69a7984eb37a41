import Foundation
import PropertyBased
import StampedeDSL
import StampedeModel
import Testing

/// Properties of the whole validator on arbitrary input: it never crashes, every diagnostic is located inside the
/// text, and a scenario is returned exactly when there is no error.
@Suite("Loader properties")
struct LoaderPropertyTests {
    typealias Harness = ValidationHarness

    /// Characters that matter to YAML and to the scenario language, plus a few from far away in Unicode.
    static let alphabet = Array(" \n\n\n\n    :::---[]{},#&*!|>'\"%@`?~<<.\t\r_/abcdemnosxyz0123456789é€😀\u{85}\u{2028}")

    static let text = Gen<Character?>.element(of: alphabet).map { $0 ?? " " }.string(of: 0...200)

    /// Words and fragments of scenarios, so that generated texts get past the parser more often.
    static let fragments = [
        "name: x\n", "duration: 1m\n", "targets:\n", "  t:\n", "    adapter: null\n", "behaviours:\n", "  b:\n",
        "    states:\n", "      s:\n", "        action: t.ok\n", "        next: s\n", "        next: { s: 0.5, end: 0.5 }\n",
        "load:\n", "  l:\n", "    model: open\n", "    rate: 5/s\n", "    players: 10\n", "&a ", "*a", "<<: *a\n",
        "- ", "{{ session.x }}", "[", "]", "{", "}", "\t", "'", "\"", ": ", "\n", "  ", "~", "ramp: ", "{ from: 1/s }",
    ]

    static let scenarioLike = Gen<String?>.element(of: fragments).map { $0 ?? "" }.array(of: 0...40).map { $0.joined() }

    /// Checks the properties for one text.
    static func check(_ text: String) {
        let result = Harness.validate(text)
        // One line past the end is tolerated here: libyaml's end of stream is there when the last line has no
        // line break (known bug DSL-15, tested on its own in LoaderRobustnessTests).
        let maximumLine = LocationBounds.maximumLine(of: text) + 1
        #expect(LocationBounds.allLocated(result.diagnostics, maximumLine: maximumLine), "\(text.debugDescription)\n\(Harness.listing(result))")
        #expect((result.scenario == nil) == result.diagnostics.containsErrors, "\(text.debugDescription)\n\(Harness.listing(result))")
        #expect(result.diagnostics.allSatisfy { $0.location.file == Harness.fileName })
        #expect(result.diagnostics == result.diagnostics.sortedByPosition())
    }

    @Test("arbitrary strings never crash the validator, and every diagnostic is located")
    func arbitraryStrings() async {
        await propertyCheck(count: 400, input: Self.text) { text in
            Self.check(text)
        }
    }

    @Test("scenario-like strings never crash the validator, and every diagnostic is located")
    func scenarioLikeStrings() async {
        await propertyCheck(count: 400, input: Self.scenarioLike) { text in
            Self.check(text)
        }
    }

    @Test("the base scenario with one line removed, doubled or cut never crashes the validator")
    func mutatedBase() async {
        let lines = Gen.int(in: 0..<BaseScenario.lines.count)
        await propertyCheck(count: 300, input: lines, Gen.int(in: 0...2), Gen.int(in: 0...80)) { line, mutation, cut in
            var edited = BaseScenario.lines
            switch mutation {
            case 0: edited.remove(at: line)
            case 1: edited.insert(edited[line], at: line)
            default: edited[line] = String(edited[line].prefix(cut))
            }
            Self.check(edited.joined(separator: "\n"))
        }
    }

    @Test("every prefix of the base scenario is validated without crashing")
    func prefixes() {
        let text = BaseScenario.text
        for length in 0...text.count {
            Self.check(String(text.prefix(length)))
        }
    }

    @Test("arbitrary bytes never crash the loader, and every diagnostic is located")
    func arbitraryBytes() async {
        let bytes = Gen<UInt8>.value(in: 0...255).array(of: 0...300)
        await propertyCheck(count: 300, input: bytes) { bytes in
            let (node, diagnostics) = YAMLLoader.parse(data: Data(bytes), file: Harness.fileName)
            #expect((node == nil) == diagnostics.containsErrors)
            #expect(LocationBounds.allLocated(diagnostics, maximumLine: LocationBounds.maximumLine(of: bytes) + 1), "\(bytes)\n\(diagnostics)")
        }
    }
}
