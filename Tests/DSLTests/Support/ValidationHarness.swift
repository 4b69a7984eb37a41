import Foundation
import StampedeAdapters
import StampedeDSL
import StampedeModel

/// Runs the public validator the way the CLI does, with the built-in adapters and the test fixtures' folder.
enum ValidationHarness {
    /// The file name every in-memory scenario is validated as.
    static let fileName = "t.yaml"

    /// The validator with every built-in adapter.
    static let validator: ScenarioValidator = {
        do {
            return ScenarioValidator(registry: try BuiltinAdapters.registry())
        } catch {
            fatalError("the built-in adapters cannot be registered: \(error)")
        }
    }()

    /// The folder of `Fixtures/` in the test bundle (where `users.csv` and friends are).
    static var fixturesDirectory: String {
        guard let url = Bundle.module.url(forResource: "users", withExtension: "csv", subdirectory: "Fixtures") else {
            fatalError("Fixtures/users.csv is missing from the test bundle")
        }
        return url.deletingLastPathComponent().path
    }

    /// The URL of a fixture file.
    static func fixture(_ name: String, _ ext: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures")
    }

    /// Validates `yaml` as `t.yaml`, with relative feeder paths resolved in the fixtures' folder.
    static func validate(_ yaml: String) -> ValidationResult {
        validator.validate(text: yaml, file: fileName, directory: fixturesDirectory)
    }

    /// The errors among `diagnostics`.
    static func errors(_ result: ValidationResult) -> [Diagnostic] {
        result.diagnostics.filter { $0.severity == .error }
    }

    /// The warnings among `diagnostics`.
    static func warnings(_ result: ValidationResult) -> [Diagnostic] {
        result.diagnostics.filter { $0.severity == .warning }
    }

    /// Every diagnostic on its own line, for failure messages.
    static func listing(_ result: ValidationResult) -> String {
        result.diagnostics.isEmpty ? "(no diagnostics)" : result.diagnostics.map(\.description).joined(separator: "\n")
    }

    /// The diagnostic at exactly `line`:`column` whose message contains `message`.
    static func diagnostic(in result: ValidationResult, line: Int, column: Int, containing message: String) -> Diagnostic? {
        result.diagnostics.first {
            $0.location.line == line && $0.location.column == column && $0.message.contains(message)
        }
    }

    /// Writes `data` to a fresh temporary file and returns its path; the caller removes it.
    static func temporaryFile(_ data: Data, name: String = "scenario.yaml") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stampede-dsl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    /// Removes a file written by ``temporaryFile(_:name:)`` and its folder.
    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }
}
