import ArgumentParser
import Foundation
import StampedeCLI
import Testing

@Suite("The stampede command")
struct CommandTests {
    /// Runs the command in-process and returns its exit code.
    private func exitCode(_ arguments: [String]) -> Int32 {
        do {
            var command = try StampedeCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            return StampedeCommand.exitCode(for: error).rawValue
        }
    }

    private func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stampede-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("validate exits 0 for valid scenarios")
    func validExitsZero() {
        #expect(exitCode(["validate", "--quiet"] + Repository.bundledScenarios) == 0)
    }

    @Test("validate exits 104 when any file is invalid")
    func invalidExits104() throws {
        let broken = try temporaryFile("name: x\nduration: 10\n")
        defer { try? FileManager.default.removeItem(atPath: broken) }
        #expect(exitCode(["validate", "--quiet", Repository.bundledScenarios[0], broken]) == 104)
    }

    @Test("validate exits 104 for a missing file, and with no file at all")
    func missingFile() {
        #expect(exitCode(["validate", "/nonexistent/scenario.yaml"]) == 104)
        #expect(exitCode(["validate"]) == 64)
    }

    @Test("plan exits 104 for an invalid scenario and 0 for a valid one")
    func planExitCodes() throws {
        let broken = try temporaryFile("name: x\n")
        defer { try? FileManager.default.removeItem(atPath: broken) }
        #expect(exitCode(["plan", broken]) == 104)
        #expect(exitCode(["plan", "--json", Repository.bundledScenarios[0]]) == 0)
    }

    @Test("validate --strict turns warnings into failure")
    func strictWarnings() throws {
        let text = """
            name: w
            duration: 1m
            targets: { t: { adapter: "null" } }
            behaviours:
              b:
                states:
                  a: { action: t.ok }
                  orphan: { action: t.ok }
            load:
              l: { model: open, rate: 1/s }
            """
        let path = try temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(exitCode(["validate", "--quiet", path]) == 0)
        #expect(exitCode(["validate", "--quiet", "--strict", path]) == 104)
    }
}
