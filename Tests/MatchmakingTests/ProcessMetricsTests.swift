import Foundation
import Testing

@testable import MatchmakingTelemetry

/// ``ProcessMetrics``: the standard `process_*` series on every service's `/metrics`.
struct ProcessMetricsTests {
    @Test("a scrape reports this process's CPU, memory, descriptors and start time, and CPU only goes up")
    func exposesTheRunningProcess() throws {
        let telemetry = ServiceTelemetry()
        _ = telemetry.exposition()
        let cpu1 = try #require(sample(telemetry.registry, "process_cpu_seconds_total"))
        // Burn a little CPU so the counter has something to add.
        var sum = 0.0
        for index in 0..<3_000_000 { sum += Double(index).squareRoot() }
        #expect(sum > 0)
        let second = String(decoding: telemetry.exposition(), as: UTF8.self)
        #expect(second.contains("# TYPE process_cpu_seconds_total counter"))
        let cpu2 = try #require(sample(telemetry.registry, "process_cpu_seconds_total"))
        #expect(cpu1 > 0)
        #expect(cpu2 >= cpu1)
        let resident = try #require(sample(telemetry.registry, "process_resident_memory_bytes"))
        let virtual = try #require(sample(telemetry.registry, "process_virtual_memory_bytes"))
        #expect(resident > 1_000_000)
        #expect(virtual >= resident)
        let open = try #require(sample(telemetry.registry, "process_open_fds"))
        let max = try #require(sample(telemetry.registry, "process_max_fds"))
        #expect(open >= 3)
        #expect(max >= open)
        let start = try #require(sample(telemetry.registry, "process_start_time_seconds"))
        let now = Date().timeIntervalSince1970
        #expect(start <= now + 1)
        #expect(start > now - 86_400 * 7)
    }

    @Test("telemetry made without process metrics exposes none")
    func processMetricsCanBeLeftOut() {
        let exposition = String(decoding: ServiceTelemetry(processMetrics: false).exposition(), as: UTF8.self)
        #expect(!exposition.contains("process_"))
    }

    @Test("a stat line is read from after the command name's last parenthesis", arguments: [
        ("4242 (gateway) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 150 0 0 20 0 9 0 12000 104857600 2560 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0", 4.0, 10_485_760, 104_857_600, 1_000_120.0),
        ("77 (a (strange) name) R 1 77 77 0 -1 0 0 0 0 0 100 0 0 0 20 0 1 0 100 4096 1 0", 1.0, 4096, 4096, 1_000_001.0),
    ])
    func parsesStatLines(line: String, cpu: Double, resident: Int, virtual: Int, start: Double) throws {
        let stat = try #require(ProcessStat.parse(stat: line, bootTime: 1_000_000, ticksPerSecond: 100, pageSize: 4096))
        #expect(stat.cpuSeconds == cpu)
        #expect(stat.residentBytes == resident)
        #expect(stat.virtualBytes == virtual)
        #expect(stat.startTimeSeconds == start)
    }

    @Test("a truncated stat line or one without a command name gives nothing")
    func rejectsMalformedStatLines() {
        #expect(ProcessStat.parse(stat: "4242 gateway S 1", bootTime: 0, ticksPerSecond: 100, pageSize: 4096) == nil)
        #expect(ProcessStat.parse(stat: "4242 (gateway) S 1 2 3", bootTime: 0, ticksPerSecond: 100, pageSize: 4096) == nil)
    }

    @Test("the boot time comes from /proc/stat's btime line")
    func readsBootTime() {
        #expect(ProcessStat.bootTime(in: "cpu  1 2 3\nintr 5\nbtime 1764000000\nprocesses 9\n") == 1_764_000_000)
        #expect(ProcessStat.bootTime(in: "cpu  1 2 3\n") == nil)
    }
}
