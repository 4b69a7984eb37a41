import ArgumentParser
import Foundation
@testable import StampedeCLI
import Testing

@Suite("stampede run, end to end", .serialized)
struct RunCommandTests {
    private func runCommand(_ arguments: [String]) async -> Int32 {
        do {
            var command = try StampedeCommand.parseAsRoot(arguments)
            if let run = command as? RunCommand {
                try await run.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            return StampedeCommand.exitCode(for: error).rawValue
        }
    }

    private func scenario(threshold: String) throws -> String {
        let text = """
            name: cli-run
            duration: 2s
            seed: 9
            targets:
              api: { adapter: "null" }
            behaviours:
              b:
                states:
                  a: { action: api.ok, with: { delay: 5ms } }
            load:
              l: { model: open, rate: 20/s }
            thresholds:
              latency: ["\(threshold)"]
              errors: ["rate < 1%"]
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stampede-run-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a passing run exits 0 and writes the results document and JUnit XML")
    func passingRun() async throws {
        let file = try scenario(threshold: "p(95) < 500ms")
        let json = file + ".json", junit = file + ".xml"
        defer { [file, json, junit].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let code = await runCommand(["run", "--quiet", "--out", "json=\(json)", "--junit", junit, file])
        #expect(code == 0)
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        #expect(document?["exit_code"] as? Int == 0)
        let loads = document?["loads"] as? [[String: Any]]
        #expect(loads?.first?["planned"] as? Int == 40)
        #expect(loads?.first?["started"] as? Int == 40)
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("<testsuite"))
        #expect(xml.contains("latency: p(95) &lt; 500ms"))
        #expect(!xml.contains("<failure"))
    }

    @Test("--duration cuts the plan short; it cannot lengthen a run")
    func durationOverride() async throws {
        let file = try scenario(threshold: "p(95) < 500ms")
        let json = file + ".json"
        defer { [file, json].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        #expect(await runCommand(["run", "--quiet", "--duration", "1s", "--out", "json=\(json)", file]) == 0)
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        let loads = document?["loads"] as? [[String: Any]]
        #expect(loads?.first?["planned"] as? Int == 20, "20/s for 1 s instead of 2 s")
        #expect(await runCommand(["run", "--quiet", "--duration", "5s", file]) == 104)
        #expect(await runCommand(["run", "--quiet", "--duration", "soon", file]) == 64)
    }

    @Test("a failing threshold exits 99 and its JUnit test case carries the measured value")
    func failingRun() async throws {
        let file = try scenario(threshold: "p(95) < 1ms")
        let junit = file + ".xml"
        defer { [file, junit].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let code = await runCommand(["run", "--quiet", "--junit", junit, file])
        #expect(code == 99)
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("<failure"))
    }

    @Test("an invalid scenario exits 104 and bad options exit 64")
    func invalidInput() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stampede-bad-\(UUID().uuidString).yaml").path
        try "name: x\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(await runCommand(["run", "--quiet", path]) == 104)
        #expect(await runCommand(["run", "--out", "csv=x", path]) == 64)
        #expect(await runCommand(["run", "--grace", "soon", path]) == 64)
        #expect(await runCommand(["run", "--event-loops", "0", path]) == 64)
        #expect(await runCommand(["run", "--event-loops", "100000", path]) == 64)
    }

    @Test("a run whose every action fails does not pass a latency threshold by accident")
    func allErrors() async throws {
        let text = """
            name: all-errors
            duration: 1s
            targets:
              api: { adapter: "null" }
            behaviours:
              b:
                states:
                  a: { action: api.fail }
            load:
              l: { model: open, rate: 10/s }
            thresholds:
              latency: ["p(95) < 10s"]
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stampede-fail-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(await runCommand(["run", "--quiet", path]) == 99)
    }
}
