import StampedeDSL
import StampedeModel
import Testing

/// YAML features a scenario may use: anchors, aliases, `<<` merge keys, block scalars, CRLF, a BOM.
@Suite("Valid YAML features")
struct ValidYAMLTests {
    typealias Harness = ValidationHarness

    static let anchored = """
        name: anchors
        duration: 10m
        targets:
          game:
            adapter: null
        behaviours:
          casual:
            states:
              login: &login
                action: game.ok
                with: &params { delay: 20ms, returns: { token: "t" } }
                capture: { token: token }
                think: &pause { uniform: { min: 1s, max: 3s } }
                next: play
              play:
                <<: *login
                next: { play: 0.5, replay: 0.25, end: 0.25 }
              replay:
                action: game.ok
                with: { <<: [{ bytes: 10, delay: 1s }, *params] }
                think: *pause
        load:
          main:
            model: open
            rate: 10/s

        """

    @Test("a state reusing another's think and with through anchors and '<<' is valid")
    func anchorsAndMerges() throws {
        let result = Harness.validate(Self.anchored)
        #expect(result.isValid, "\(Harness.listing(result))")
        #expect(result.diagnostics.isEmpty, "\(Harness.listing(result))")
        let behaviour = try #require(result.scenario?.behaviour(named: "casual"))
        let play = try #require(behaviour.state(named: "play"))
        #expect(play.action?.qualifiedName == "game.ok")
        #expect(play.think == .uniform(min: 1, max: 3))
        #expect(play.action?.captures == ["token": "token"])
        #expect(play.action?.parameters["delay"]?.distribution == .constant(0.02))
        #expect(play.transitions.map(\.to) == ["play", "replay", "end"], "the state's own next: wins over the merged one")
        let replay = try #require(behaviour.state(named: "replay"))
        #expect(replay.think == .uniform(min: 1, max: 3))
        #expect(replay.action?.parameters["delay"]?.distribution == .constant(1), "the first merged mapping wins")
        #expect(replay.action?.parameters["bytes"]?.scalar == "10")
        #expect(replay.action?.parameters["returns"] != nil)
        #expect(replay.transitions.isEmpty)
    }

    @Test("anchors may be kept under a top-level x- key")
    func extensionKey() {
        let yaml = "x-pause: &pause { uniform: { min: 1s, max: 3s } }\n" + BaseScenario.replacing(18, with: "        think: *pause")
        let result = Harness.validate(yaml)
        #expect(result.isValid, "\(Harness.listing(result))")
        #expect(result.diagnostics.isEmpty, "\(Harness.listing(result))")
        #expect(result.scenario?.behaviour(named: "casual")?.state(named: "login")?.think == .uniform(min: 1, max: 3))
    }

    @Test("an aliased value is checked where it is used")
    func aliasChecked() {
        let yaml = Self.anchored.replacingOccurrences(of: "with: &params { delay: 20ms,", with: "with: &params { delay: fast,")
        let result = Harness.validate(yaml)
        #expect(result.scenario == nil)
        #expect(Harness.errors(result).contains { $0.message.contains("'fast' is not a duration") }, "\(Harness.listing(result))")
    }

    @Test("CRLF line ends, a byte order mark, comments and tabs between key and value are fine")
    func textConventions() {
        var lines = BaseScenario.lines
        lines[0] = "name:\tbase   # the name"
        lines.insert("# a comment line", at: 3)
        let text = "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
        let result = Harness.validate(text)
        #expect(result.isValid, "\(Harness.listing(result))")
        #expect(result.scenario?.name == "base")
    }

    @Test("a block scalar may hold '*word: text'")
    func blockScalarWithAsterisk() {
        let result = Harness.validate(
            BaseScenario.inserting(after: 1, "description: |\n  Login test.\n  *Note: run against staging only."))
        #expect(result.isValid, "\(Harness.listing(result))")
        #expect(result.isValid == (result.scenario != nil))
    }

    @Test("a block scalar may hold many unbalanced '['")
    func blockScalarWithBrackets() {
        let body = Array(repeating: "  see [note", count: 70).joined(separator: "\n")
        let result = Harness.validate(BaseScenario.inserting(after: 1, "description: |\n" + body))
        #expect(result.isValid, "\(Harness.listing(result))")
    }

    @Test("a block scalar with templates-like text is only text")
    func blockScalarWithBraces() {
        let result = Harness.validate(BaseScenario.inserting(after: 1, "description: >\n  Uses {{ session.nothing }} and [brackets].\n  More."))
        #expect(result.isValid, "\(Harness.listing(result))")
        #expect(result.scenario?.description == "Uses {{ session.nothing }} and [brackets]. More.\n")
    }
}
