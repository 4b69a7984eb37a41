import Prometheus
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard process metrics every official Prometheus client exports (the original Go services had them from
/// `client_golang`), read from `/proc/self` at each scrape:
/// `process_cpu_seconds_total`, `process_resident_memory_bytes`, `process_virtual_memory_bytes`,
/// `process_open_fds`, `process_max_fds` and `process_start_time_seconds`.
///
/// Where `/proc` is missing (not Linux) ``update()`` leaves every value at 0.
public final class ProcessMetrics: Sendable {
    private let cpuSeconds: Counter
    private let residentBytes: Gauge
    private let virtualBytes: Gauge
    private let openFDs: Gauge
    private let maxFDs: Gauge
    private let startTime: Gauge
    /// CPU seconds already added to ``cpuSeconds`` (a counter only goes up by differences).
    private let counted = Mutex<Double>(0)

    /// The metrics, on `registry`.
    public init(registry: PrometheusCollectorRegistry) {
        func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "process", metricName: metric, unitName: unit, helpText: help)
        }
        cpuSeconds = registry.makeCounter(descriptor: name("cpu", "seconds_total", "Total user and system CPU time spent in seconds."))
        residentBytes = registry.makeGauge(descriptor: name("resident_memory", "bytes", "Resident memory size in bytes."))
        virtualBytes = registry.makeGauge(descriptor: name("virtual_memory", "bytes", "Virtual memory size in bytes."))
        openFDs = registry.makeGauge(descriptor: name("open_fds", "", "Number of open file descriptors."))
        maxFDs = registry.makeGauge(descriptor: name("max_fds", "", "Maximum number of open file descriptors."))
        startTime = registry.makeGauge(descriptor: name("start_time", "seconds", "Start time of the process since unix epoch in seconds."))
    }

    /// Reads the process's current figures into the metrics (call it before each exposition).
    public func update() {
        if let stat = ProcessStat.current() {
            residentBytes.set(Double(stat.residentBytes))
            virtualBytes.set(Double(stat.virtualBytes))
            if let start = stat.startTimeSeconds { startTime.set(start) }
            let delta = counted.withLock { counted -> Double in
                let delta = stat.cpuSeconds - counted
                if delta > 0 { counted = stat.cpuSeconds }
                return delta
            }
            if delta > 0 { cpuSeconds.increment(by: delta) }
        }
        if let open = ProcessStat.openDescriptors() { openFDs.set(Double(open)) }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 { maxFDs.set(Double(limit.rlim_cur)) }
    }
}

/// What `/proc/PID/stat` (and `/proc/stat`'s boot time) tell of a process.
public struct ProcessStat: Sendable {
    /// User plus system CPU time, seconds.
    public var cpuSeconds: Double
    /// Resident set size, bytes.
    public var residentBytes: Int
    /// Virtual memory size, bytes.
    public var virtualBytes: Int
    /// Start time since the Unix epoch, seconds (nil without the boot time).
    public var startTimeSeconds: Double?

    /// The figures of process `pid` (nil: the running process); nil where its `stat` file cannot be read or parsed.
    public static func current(pid: Int32? = nil) -> ProcessStat? {
        guard let text = readProcFile("/proc/\(pid.map(String.init) ?? "self")/stat") else { return nil }
        return parse(stat: text, bootTime: systemBootTime,
                     ticksPerSecond: Double(sysconf(Int32(_SC_CLK_TCK))), pageSize: sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The machine's boot time (seconds since the Unix epoch), read from `/proc/stat` once: it does not change.
    private static let systemBootTime: Double? = readProcFile("/proc/stat").flatMap(bootTime(in:))

    /// Parses a `/proc/PID/stat` line. The command name (field 2) is in parentheses and may hold spaces and
    /// parentheses itself, so the fields are counted from its last `)`: utime and stime are fields 14 and 15,
    /// starttime 22 (clock ticks after boot), vsize 23 (bytes) and rss 24 (pages).
    static func parse(stat: String, bootTime: Double?, ticksPerSecond: Double, pageSize: Int) -> ProcessStat? {
        guard let close = stat.lastIndex(of: ")"), ticksPerSecond > 0 else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state): field N is fields[N - 3].
        guard fields.count >= 22, let utime = Double(fields[11]), let stime = Double(fields[12]),
              let started = Double(fields[19]), let vsize = Int(fields[20]), let rss = Int(fields[21])
        else { return nil }
        return ProcessStat(
            cpuSeconds: (utime + stime) / ticksPerSecond,
            residentBytes: rss * pageSize,
            virtualBytes: vsize,
            startTimeSeconds: bootTime.map { $0 + started / ticksPerSecond }
        )
    }

    /// The `btime` line of `/proc/stat`: the boot time, seconds since the Unix epoch.
    static func bootTime(in procStat: String) -> Double? {
        for line in procStat.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingPrefix(" "))
        }
        return nil
    }

    /// The number of open file descriptors (entries of `/proc/self/fd`, without the one listing them).
    static func openDescriptors() -> Int? {
        guard let directory = opendir("/proc/self/fd") else { return nil }
        defer { closedir(directory) }
        let own = dirfd(directory)
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let descriptor = Int32(name), descriptor != own else { continue }
            count += 1
        }
        return count
    }

    /// The whole text of a `/proc` file (whose size `stat` reports as 0, so it is read to the end).
    static func readProcFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
