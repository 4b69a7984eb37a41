import ArgumentParser
import Foundation
import StampedeCLI
import StampedeDSL
import StampedePlan
import StampedeReports
import Testing

@Suite("Bundled scenarios and the schema")
struct BundledScenarioTests {
    @Test("there are bundled scenarios")
    func scenariosExist() {
        #expect(Repository.bundledScenarios.count >= 4)
    }

    @Test("every bundled scenario is valid without warnings and starts with the schema comment", arguments: Repository.bundledScenarios)
    func bundledScenarioIsValid(path: String) throws {
        let result = ScenarioValidator(registry: try Registries.builtin()).validate(path: path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(result.isValid)
        let firstLine = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first ?? ""
        #expect(firstLine == "# yaml-language-server: $schema=./stampede.schema.json")
    }

    @Test("the committed JSON Schema is the one generated from the language definition")
    func schemaIsCurrent() throws {
        let committed = try String(contentsOfFile: Repository.path("scenarios/stampede.schema.json"), encoding: .utf8)
        #expect(committed == JSONSchemaWriter.document(), "run `make schema` and commit scenarios/stampede.schema.json")
    }

    @Test("plan JSON is byte-identical for the same seed", arguments: Repository.bundledScenarios)
    func planIsDeterministic(path: String) throws {
        let scenario = try #require(ScenarioValidator(registry: try Registries.builtin()).validate(path: path).scenario)
        let first = PlanReport.json(PlanSummarizer.summarize(PlanCompiler.compile(scenario)))
        let second = PlanReport.json(PlanSummarizer.summarize(PlanCompiler.compile(scenario)))
        #expect(first == second)
        #expect(first.contains("\"planned_starts\""))
    }
}
