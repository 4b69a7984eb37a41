import StampedeDSL
import StampedeModel
import Testing

/// Messages are read by people: they must say what is wrong in plain words.
@Suite("Message wording")
struct MessageWordingTests {
    typealias Harness = ValidationHarness

    @Test("a document that is not a mapping is called the scenario",
          arguments: ["just text\n", "- a\n- b\n"])
    func rootNotMapping(_ yaml: String) {
        let result = Harness.validate(yaml)
        let error = Harness.errors(result).first
        #expect(error?.location == StampedeModel.SourceLocation(file: Harness.fileName, line: 1, column: 1))
        #expect(error?.message.contains("must be a scenario (a mapping)") == true, "\(Harness.listing(result))")
        #expect(error?.message.hasPrefix("the scenario must be") == true, "\(Harness.listing(result))")
    }

    @Test("a list of names is described without a stray article")
    func dictionaryNoun() {
        let result = Harness.validate(BaseScenario.replacing(4...6, with: "targets: [game]"))
        let error = Harness.diagnostic(in: result, line: 4, column: 10, containing: "must be a mapping of names to")
        #expect(error != nil, "\(Harness.listing(result))")
        #expect(error?.message.contains("names to targets") == true, "\(Harness.listing(result))")
    }

    @Test("a second document says that a scenario is one document")
    func secondDocument() {
        let result = Harness.validate(BaseScenario.text + "---\nname: other\n")
        let error = Harness.errors(result).first
        #expect(Harness.errors(result).count == 1, "\(Harness.listing(result))")
        #expect(error?.location.line == 28, "\(Harness.listing(result))")
        #expect(error?.message.contains("another document") == true, "\(Harness.listing(result))")
        #expect(error?.message.contains("single document") == true, "\(Harness.listing(result))")
    }

    @Test("a tab indenting a mapping's first key is called a tab")
    func tabBeforeFirstKey() {
        let result = Harness.validate(BaseScenario.replacing(6, with: "\tadapter: null"))
        let error = Harness.errors(result).first
        #expect(error?.location == StampedeModel.SourceLocation(file: Harness.fileName, line: 6, column: 1), "\(Harness.listing(result))")
        let text = (error?.message ?? "") + " " + (error?.hint ?? "")
        #expect(text.contains("tab"), "\(Harness.listing(result))")
    }
}
