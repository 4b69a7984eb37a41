import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real Prometheus server (Debian's `prometheus` package) for tests: 127.0.0.1 and a free port, a generated
/// configuration and a temporary storage directory, all removed by ``stop()``.
///
/// Use ``run(scraping:interval:_:)``: it stops the server on every path, thrown errors included. A server still
/// running when the test process exits is killed by an exit hook as a last safety net.
final class PrometheusServer: Sendable {
    /// A job to scrape: its name (the `job` label) and `host:port` addresses, scraped on `/metrics`.
    struct Job: Sendable {
        /// The `job` label, e.g. `gateway`.
        let name: String
        /// The `host:port` of each instance.
        let targets: [String]
    }

    /// Where Debian's package installs the server.
    static let executablePath = "/usr/bin/prometheus"

    /// The port its HTTP API listens on.
    let port: Int
    /// The temporary directory holding the configuration, the storage and the server's log.
    let directory: URL
    private let pid: pid_t
    private let stopped = Mutex(false)

    private init(port: Int, directory: URL, pid: pid_t) {
        self.port = port
        self.directory = directory
        self.pid = pid
    }

    /// A safety net: kills the process if nothing stopped it (the directory is removed by ``stop()`` only, as a
    /// failed start-up attempt's directory is reused by the next attempt).
    deinit { terminate() }

    /// The base URL of the HTTP API, `http://127.0.0.1:PORT`.
    var url: String { "http://127.0.0.1:\(port)" }

    /// Starts a server scraping `jobs` every `interval`, runs `body` with it, then stops it (whether `body` threw or not).
    static func run<T>(
        scraping jobs: [Job], interval: Duration = .seconds(1), _ body: (PrometheusServer) async throws -> T
    ) async throws -> T {
        let server = try await start(scraping: jobs, interval: interval)
        defer { server.stop() }
        return try await body(server)
    }

    /// Starts a server scraping `jobs` every `interval` and waits until it reports ready (`/-/ready`).
    static func start(scraping jobs: [Job], interval: Duration = .seconds(1)) async throws -> PrometheusServer {
        guard FileManager.default.isExecutableFile(atPath: executablePath) else { throw PrometheusServerError.notInstalled }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stampede-prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("prometheus.yml")
        try configuration(jobs: jobs, interval: interval).write(to: config, atomically: true, encoding: .utf8)
        var lastError: any Error = PrometheusServerError.noFreePort
        // The port is free when picked but may be taken before Prometheus binds it: then try another.
        for _ in 0..<3 {
            guard let port = freeLoopbackPort() else { break }
            let log = directory.appendingPathComponent("prometheus.log").path
            let arguments = [
                "--config.file=\(config.path)", "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
                "--web.listen-address=127.0.0.1:\(port)", "--storage.tsdb.retention.time=1h", "--log.level=warn",
            ]
            let pid: pid_t
            switch PrometheusChildProcess.spawn(executablePath, arguments: arguments, log: log) {
            case .success(let spawned): pid = spawned
            case .failure(let error):
                try? FileManager.default.removeItem(at: directory)
                throw PrometheusServerError.spawnFailed(errno: error.code)
            }
            let server = PrometheusServer(port: port, directory: directory, pid: pid)
            PrometheusChildProcess.register(pid)
            do {
                try await server.waitUntilReady(timeout: .seconds(10))
                return server
            } catch {
                lastError = error
                server.terminate()
            }
        }
        try? FileManager.default.removeItem(at: directory)
        throw lastError
    }

    /// The configuration file: one scrape job per entry of `jobs`, every `interval` (also the timeout).
    static func configuration(jobs: [Job], interval: Duration) -> String {
        let seconds = "\(max(1, interval.components.seconds))s"
        var text = "global:\n  scrape_interval: \(seconds)\n  scrape_timeout: \(seconds)\n  evaluation_interval: \(seconds)\nscrape_configs:\n"
        for job in jobs {
            let targets = job.targets.map { "\"\($0)\"" }.joined(separator: ", ")
            text += "  - job_name: \(job.name)\n    static_configs:\n      - targets: [\(targets)]\n"
        }
        return text
    }

    /// Stops the server (SIGTERM, SIGKILL after 5 s), reaps it and removes its directory. Idempotent.
    func stop() {
        terminate()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Whether the server process is still alive (not yet exited).
    var isRunning: Bool {
        stopped.withLock { $0 } ? false : !PrometheusChildProcess.reapIfExited(pid)
    }

    /// The last lines of the server's log, for failure messages.
    func logTail(lines: Int = 15) -> String {
        let text = (try? String(contentsOf: directory.appendingPathComponent("prometheus.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    private func terminate() {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        PrometheusChildProcess.terminate(pid, timeout: .seconds(5))
        PrometheusChildProcess.unregister(pid)
    }

    private func waitUntilReady(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard isRunning else { throw PrometheusServerError.exited(log: logTail()) }
            if (try? await PrometheusAPI(baseURL: url).isReady()) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PrometheusServerError.notReady(log: logTail())
    }

    /// A port nothing listens on right now: bound on 127.0.0.1 port 0, read back, released.
    private static func freeLoopbackPort() -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { return nil }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return named == 0 ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}

/// Why a test Prometheus server could not be used.
enum PrometheusServerError: Error, CustomStringConvertible {
    /// `/usr/bin/prometheus` is missing.
    case notInstalled
    /// No free loopback port was found.
    case noFreePort
    /// `posix_spawn` failed.
    case spawnFailed(errno: Int32)
    /// The server exited during start-up.
    case exited(log: String)
    /// The server did not report ready in time.
    case notReady(log: String)

    var description: String {
        switch self {
        case .notInstalled:
            "Prometheus is not installed (\(PrometheusServer.executablePath) is missing). `make test` installs it "
                + "(scripts/install-deps.sh adds Debian's `prometheus` package); or run `apt-get install prometheus`."
        case .noFreePort: "no free loopback port for Prometheus"
        case .spawnFailed(let code): "could not start \(PrometheusServer.executablePath): \(String(cString: strerror(code)))"
        case .exited(let log): "Prometheus exited during start-up; its log ends with:\n\(log)"
        case .notReady(let log): "Prometheus did not report ready within 10 s; its log ends with:\n\(log)"
        }
    }
}
