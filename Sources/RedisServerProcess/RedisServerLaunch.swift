import Foundation

extension RedisServer {
    /// Finds `redis-server` on PATH or in the usual system locations.
    static func locateExecutable() throws -> URL {
        let pathEntries = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let candidates = pathEntries.map { "\($0)/redis-server" } + ["/usr/bin/redis-server", "/usr/local/bin/redis-server"]
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            return URL(fileURLWithPath: candidate)
        }
        throw RedisServerError(
            kind: .executableNotFound,
            message: "redis-server was not found on PATH nor at /usr/bin/redis-server",
            hint: "install redis-server (apt install redis-server)"
        )
    }

    /// Launches one `redis-server` and waits until it answers PING on `port`; returns its pid.
    static func launch(_ executable: URL, port: Int, directory: URL, extraArguments: [String]) async throws -> Int32 {
        let logFile = directory.appendingPathComponent("redis-\(port).log")
        let arguments = [
            "--port", String(port), "--bind", "127.0.0.1", "--dir", directory.path, "--save", "",
            "--appendonly", "no", "--protected-mode", "no", "--daemonize", "no", "--logfile", logFile.path,
        ] + extraArguments
        let pid: Int32
        switch ChildProcess.spawn(executable.path, arguments: arguments) {
        case .success(let spawned): pid = spawned
        case .failure(let failure):
            throw RedisServerError(kind: .launchFailed, message: "cannot launch \(executable.path): \(String(cString: strerror(failure.code)))")
        }
        LiveServerRegistry.register(pid)
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if ChildProcess.reapIfExited(pid) {
                LiveServerRegistry.unregister(pid)
                let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
                let lastLine = log.split(separator: "\n").last.map(String.init) ?? "no log output"
                throw RedisServerError(kind: .launchFailed, message: "redis-server on port \(port) exited at start: \(lastLine)")
            }
            if LoopbackSocket.answersPing(port: port) { return pid }
            try? await Task.sleep(for: .milliseconds(10))
        }
        var state = ServerProcessState(pid: pid)
        state.terminate(timeout: .seconds(2))
        throw RedisServerError(kind: .notReady, message: "redis-server on port \(port) did not answer PING within 10 s")
    }
}
