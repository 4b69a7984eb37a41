import Foundation
import StampedeEngine
import Testing

@Suite("Players run on the event loops they are given", .serialized)
struct EngineLoopTests {
    private func loops(of key: String, limit: Int?) async throws -> [ObjectIdentifier?] {
        var options = EngineOptions()
        options.eventLoops = limit
        _ = try await EngineHarness.run("""
            name: loops
            duration: 1s
            targets:
              probe: { adapter: record }
            behaviours:
              b:
                states:
                  a: { action: probe.record, with: { key: \(key), value: "{{ player.id }}" } }
            load:
              l: { model: open, rate: 40/s }
            """, options: options)
        return RecordAdapter.loops.withLock { $0[key] ?? [] }
    }

    @Test("--event-loops 1: every player runs on the same event loop", .enabled(if: Engine.availableEventLoops > 1))
    func oneLoop() async throws {
        let seen = try await loops(of: "one-\(UUID().uuidString)", limit: 1)
        #expect(seen.count == 40)
        #expect(!seen.contains(nil), "every action ran on an event loop")
        #expect(Set(seen).count == 1, "one loop: \(Set(seen).count) distinct")
    }

    @Test("by default players spread over every event loop (one per core)")
    func allLoops() async throws {
        let seen = try await loops(of: "all-\(UUID().uuidString)", limit: nil)
        #expect(seen.count == 40)
        #expect(!seen.contains(nil), "every action ran on an event loop")
        #expect(Set(seen).count == min(Engine.availableEventLoops, 40))
    }
}
