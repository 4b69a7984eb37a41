import Foundation
import StampedeEngine
import StampedeMetrics
import Testing

@Suite("Feeders at run time", .serialized)
struct EngineFeederTests {
    private func csv(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stampede-feeder-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func scenario(file: String, order: String, key: String) -> String {
        """
        name: feeder
        duration: 1s
        targets:
          rec: { adapter: record }
        data:
          users: { file: "\(file)", order: \(order) }
        behaviours:
          b:
            states:
              a: { action: rec.record, with: { key: \(key), value: "{{ data.users.id }}:{{ data.users.name }}" } }
        load:
          l: { model: open, rate: 5/s }
        """
    }

    @Test("sequential rows are handed out in turn, wrapping around")
    func sequential() async throws {
        let file = try csv("id,name\n1,ann\n2,bob\n3,cy\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = try await EngineHarness.run(scenario(file: file, order: "sequential", key: "feeder-seq"))
        let values = RecordAdapter.kept.withLock { $0["feeder-seq"] ?? [] }
        #expect(values.sorted() == ["1:ann", "1:ann", "2:bob", "2:bob", "3:cy"])
    }

    @Test("a unique feeder gives each player its own row and fails the action when rows run out")
    func uniqueExhaustion() async throws {
        let file = try csv("id,name\n1,ann\n2,bob\n3,cy\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try await EngineHarness.run(scenario(file: file, order: "unique", key: "feeder-unique"))
        let values = RecordAdapter.kept.withLock { $0["feeder-unique"] ?? [] }
        #expect(values.sorted() == ["1:ann", "2:bob", "3:cy"])
        guard case let .rate(trues, total) = result.store.merged("errors") else { Issue.record("no errors"); return }
        #expect(trues == 2 && total == 5)
        #expect(result.errors.first?.kind == "feeder_exhausted")
    }
}
