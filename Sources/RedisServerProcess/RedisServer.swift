import Foundation
import Synchronization

/// A real `redis-server` on 127.0.0.1 and a free port, in a fresh temporary directory, for tests and benchmarks.
///
/// Start it with ``start(extraArguments:)``, stop it with ``stop()``. `deinit` stops it as a safety net, and every
/// server still running when the process exits is killed.
public final class RedisServer: Sendable {
    /// The loopback address the server listens on.
    public let host = "127.0.0.1"
    /// The TCP port the server listens on (kept across ``restart()``).
    public let port: Int
    /// The temporary working directory (removed by ``stop()``).
    public let directory: URL

    private let executable: URL
    private let extraArguments: [String]
    private let state: Mutex<ServerProcessState>

    private init(executable: URL, port: Int, directory: URL, extraArguments: [String], pid: Int32) {
        self.executable = executable
        self.port = port
        self.directory = directory
        self.extraArguments = extraArguments
        self.state = Mutex(ServerProcessState(pid: pid))
    }

    deinit {
        stop()
    }

    /// Starts `redis-server` on a free loopback port and waits until it answers PING.
    ///
    /// - Parameter extraArguments: more `--option value` arguments for `redis-server`.
    /// - Throws: ``RedisServerError`` when the executable is missing or the server does not come up.
    public static func start(extraArguments: [String] = []) async throws -> RedisServer {
        let executable = try locateExecutable()
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stampede-redis-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var lastError = RedisServerError(kind: .noFreePort, message: "no free loopback port for redis-server")
        for _ in 0..<5 {
            guard let port = LoopbackSocket.reserveFreePort() else { continue }
            do {
                let pid = try await launch(executable, port: port, directory: directory, extraArguments: extraArguments)
                return RedisServer(executable: executable, port: port, directory: directory, extraArguments: extraArguments, pid: pid)
            } catch let error as RedisServerError {
                lastError = error
                if error.kind == .notReady { break }
            }
        }
        try? FileManager.default.removeItem(at: directory)
        throw lastError
    }

    /// The process id of the running server, or nil once stopped.
    public var processIdentifier: Int32? {
        state.withLock { $0.pid }
    }

    /// Stops the server (SIGTERM, then SIGKILL after `timeout`), waits for it to exit, and removes its directory.
    /// Safe to call more than once.
    public func stop(timeout: Duration = .seconds(5)) {
        state.withLock { state in
            state.terminate(timeout: timeout)
            if !state.directoryRemoved {
                try? FileManager.default.removeItem(at: directory)
                state.directoryRemoved = true
            }
        }
    }

    /// Stops the server and starts a fresh one on the same port and directory (for reconnect tests).
    public func restart() async throws {
        let stillUsable = state.withLock { state in
            state.terminate(timeout: .seconds(5))
            return !state.directoryRemoved
        }
        guard stillUsable else {
            throw RedisServerError(kind: .launchFailed, message: "cannot restart a redis-server that was stopped")
        }
        let pid = try await Self.launch(executable, port: port, directory: directory, extraArguments: extraArguments)
        let adopted = state.withLock { state in
            guard !state.directoryRemoved, state.pid == nil else { return false }
            state.pid = pid
            return true
        }
        if !adopted {
            var orphan = ServerProcessState(pid: pid)
            orphan.terminate(timeout: .seconds(1))
        }
    }
}
