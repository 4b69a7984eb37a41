import Foundation
import StampedeDSL
import StampedeModel
import Testing

/// Whatever the file holds, loading never crashes and always ends in a located error.
@Suite("Loader robustness")
struct LoaderRobustnessTests {
    typealias Harness = ValidationHarness

    /// Parses raw bytes as `t.yaml`.
    private func parse(_ bytes: [UInt8]) -> (YAMLNode?, [Diagnostic]) {
        YAMLLoader.parse(data: Data(bytes), file: Harness.fileName)
    }

    /// The single error of parsing `bytes`, checked to be the only diagnostic and an error.
    private func singleError(_ bytes: [UInt8]) -> Diagnostic? {
        let (node, diagnostics) = parse(bytes)
        #expect(node == nil)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics.first?.severity == .error)
        return diagnostics.first
    }

    private func at(_ line: Int, _ column: Int) -> StampedeModel.SourceLocation {
        SourceLocation(file: Harness.fileName, line: line, column: column)
    }

    @Test("random binary junk is refused with a located error", arguments: Array(UInt64(1)...16))
    func binaryJunk(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let bytes = random.bytes(Int.random(in: 1...4096, using: &random))
        let url = try Harness.temporaryFile(Data(bytes))
        defer { Harness.remove(url) }
        let result = Harness.validator.validate(path: url.path)
        #expect(result.scenario == nil)
        #expect(!Harness.errors(result).isEmpty)
        #expect(LocationBounds.allLocated(result.diagnostics, maximumLine: LocationBounds.maximumLine(of: bytes) + 1),
                "\(Harness.listing(result))")
        #expect(result.diagnostics.allSatisfy { $0.location.file == url.path })
    }

    @Test("random printable junk is refused with located errors", arguments: Array(UInt64(1)...16))
    func printableJunk(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let alphabet = Array(" \n\n\n  :-[]{},#&*!|>'\"%@`?abcdefxyz0123456789.\t")
        let text = String((0..<Int.random(in: 1...600, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
        let result = Harness.validate(text)
        #expect(result.scenario == nil)
        #expect(!Harness.errors(result).isEmpty)
        #expect(LocationBounds.allLocated(result.diagnostics, maximumLine: LocationBounds.maximumLine(of: text) + 1),
                "\(Harness.listing(result)) (one line past the end is known bug DSL-15)")
    }

    @Test("invalid UTF-8 is refused at the first bad byte", arguments: [
        (Array("name: ok\ndescription: caf\u{E9} ".utf8) + [0xFF] + Array(" bad\n".utf8), 2, 19),
        (Array("a: ".utf8) + [0x80, 0x0A], 1, 4),
        (Array("name: \u{E9}\u{20AC} x".utf8) + [0xC3, 0x0A], 1, 11),
        (Array("name: ".utf8) + [0xE2, 0x82], 1, 7),
        (Array("a: 1\r\nb: ".utf8) + [0xFF, 0x0D, 0x0A], 2, 4),
    ])
    func invalidUTF8(bytes: [UInt8], line: Int, column: Int) {
        let error = singleError(bytes)
        #expect(error?.location == at(line, column), "\(String(describing: error))")
        #expect(error?.message.contains("not UTF-8 text") == true)
    }

    @Test("sequences shaped like UTF-8 but invalid are located at their first byte",
          arguments: [
              (Array("name: ".utf8) + [0xED, 0xA0, 0x80] + Array(" x\n".utf8), 1, 7),
              (Array("name: ".utf8) + [0xC0, 0xAF] + Array(" x\n".utf8), 1, 7),
              (Array("x: ".utf8) + [0xF5, 0x80, 0x80, 0x80, 0x0A], 1, 4),
          ])
    func invalidButWellShaped(bytes: [UInt8], line: Int, column: Int) {
        let error = singleError(bytes)
        #expect(error?.message.contains("not UTF-8 text") == true)
        #expect(error?.location == at(line, column), "\(String(describing: error))")
    }

    @Test("an error at the end of a file without a final line break is located on its last line",
          arguments: ["name: base\ns", "name: [base"])
    func endOfStream(text: String) {
        let error = singleError(Array(text.utf8))
        #expect(error?.message.contains("YAML syntax") == true, "\(String(describing: error))")
        #expect(error?.location.line == text.split(separator: "\n").count, "\(String(describing: error))")
    }

    @Test("a NUL byte is refused where it is", arguments: [("name: ok\nduration: 1\u{0}m\n", 2, 12), ("\u{0}name: ok\n", 1, 1)])
    func nulByte(text: String, line: Int, column: Int) {
        let error = singleError(Array(text.utf8))
        #expect(error?.location == at(line, column))
        #expect(error?.message.contains("NUL character") == true)
    }

    @Test("an empty file is refused", arguments: ["", "\n\n", "# only a comment\n", "   \n"])
    func emptyFile(text: String) {
        let error = singleError(Array(text.utf8))
        #expect(error?.location == at(1, 1))
        #expect(error?.message.contains("the file is empty") == true)
    }

    @Test("a file over 4 MiB is refused before it is parsed")
    func oversizedFile() {
        let bytes = Array("# ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: YAMLLoader.maximumBytes - 2) + [0x0A]
        #expect(bytes.count == YAMLLoader.maximumBytes + 1)
        let error = singleError(bytes)
        #expect(error?.location == at(1, 1))
        #expect(error?.message.contains("scenarios are limited to 4 MiB") == true, "\(String(describing: error))")
    }

    @Test("a file of exactly 4 MiB is not refused for its size")
    func largestFile() {
        let bytes = Array("# ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: YAMLLoader.maximumBytes - 3) + [0x0A]
        #expect(bytes.count == YAMLLoader.maximumBytes)
        let (_, diagnostics) = parse(bytes)
        #expect(!diagnostics.contains { $0.message.contains("MiB") }, "\(diagnostics)")
    }

    @Test("deep flow nesting is refused quickly")
    func deepFlowNesting() {
        let clock = ContinuousClock()
        var error: Diagnostic?
        let elapsed = clock.measure {
            error = singleError(Array("a: ".utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 100_000))
        }
        #expect(error?.location == at(1, 1))
        #expect(error?.message.contains("nested more than 64 levels deep") == true, "\(String(describing: error))")
        #expect(elapsed < .seconds(5))
    }

    @Test("deep block nesting is refused at the line that goes too deep")
    func deepBlockNesting() {
        let text = (0..<200).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        let error = singleError(Array(text.utf8))
        #expect(error?.location == at(65, 1))
        #expect(error?.message.contains("nested more than 64 levels deep") == true)
    }

    @Test("deep '- - - -' nesting is refused", arguments: [
        (String(repeating: "- ", count: 10_000) + "x\n", 1),
        ((0..<200).map { String(repeating: "  ", count: $0) + "-" }.joined(separator: "\n"), 65),
    ])
    func deepDashNesting(text: String, line: Int) {
        let error = singleError(Array(text.utf8))
        #expect(error?.location == at(line, 1))
        #expect(error?.message.contains("nested more than 64 levels deep") == true)
    }

    @Test("flow nesting deeper than 64 on one line is refused")
    func deepFlowOnOneLine() {
        let result = Harness.validate("name: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n")
        #expect(result.scenario == nil)
        #expect(result.diagnostics.contains { $0.message.contains("nested more than 64 levels deep") }, "\(Harness.listing(result))")
    }

    @Test("flow nesting near the YAML parser's own limit does not crash")
    func flowNestingNearParserLimit() {
        let deep = String(repeating: "[", count: 990) + String(repeating: "]", count: 990)
        let result = Harness.validate(BaseScenario.replacing(22, with: #"        with: { returns: { t: "x" }, junk: \#(deep) }"#))
        #expect(result.scenario == nil)
        #expect(!Harness.errors(result).isEmpty)
        #expect(LocationBounds.allLocated(result.diagnostics, maximumLine: BaseScenario.lines.count + 1))
    }

    @Test("an alias bomb is refused quickly")
    func aliasBomb() {
        var lines = [#"a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        for level in 1..<10 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]")
        }
        let clock = ContinuousClock()
        var error: Diagnostic?
        let elapsed = clock.measure { error = singleError(Array(lines.joined(separator: "\n").utf8)) }
        #expect(error?.message.contains("expands to more than \(YAMLLoader.maximumValues) values") == true, "\(String(describing: error))")
        #expect((1...10).contains(error?.location.line ?? 0))
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }

    @Test("an alias or a complex value used as a key is refused", arguments: [
        ("a: &x foo\n*x : bar\n", 2, 1, "alias or a complex value is used as a mapping key"),
        ("a: &x foo\nb: { *x : bar }\n", 2, 6, "alias or a complex value is used as a mapping key"),
        ("? [a, b]\n: c\n", 1, 1, "alias or a complex value is used as a mapping key"),
        ("{[a]: 1}\n", 1, 2, "a mapping key must be a plain name, not a list"),
        ("a: *nope\n", 1, 4, "undefined alias"),
        ("a: 1\n<<: 3\n", 2, 5, "'<<' merges mappings only"),
    ])
    func aliasAsKey(text: String, line: Int, column: Int, message: String) {
        let error = singleError(Array(text.utf8))
        #expect(error?.location == at(line, column), "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test("a file of two documents is refused at the second")
    func multipleDocuments() {
        let error = singleError(Array("name: a\n---\nname: b\n".utf8))
        #expect(error?.location == at(2, 1))
        #expect(error?.message.contains("document") == true)
    }

    @Test("a document that is a scalar or a list is refused", arguments: ["just text\n", "- a\n- b\n", "42\n"])
    func notAMapping(text: String) {
        let result = Harness.validate(text)
        #expect(result.scenario == nil)
        #expect(Harness.errors(result).count == 1, "\(Harness.listing(result))")
        #expect(Harness.diagnostic(in: result, line: 1, column: 1, containing: "must be a scenario (a mapping)") != nil,
                "\(Harness.listing(result))")
    }
}
