import RedisServerProcess
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Prometheus child processes of tests (spawned, stopped and reaped by `ChildProcess`), killed when the test
/// process exits if nothing stopped them.
enum PrometheusChildProcess {
    private static let pids = Mutex<Set<pid_t>>([])
    private static let exitHookInstalled: Bool = {
        atexit { PrometheusChildProcess.killAll() }
        return true
    }()

    /// Spawns `path` with `arguments` (and `environment` added), output appended to `log`. Returns the child's pid.
    static func spawn(
        _ path: String, arguments: [String], log: String, environment: [String] = []
    ) -> Result<pid_t, ChildProcess.SpawnError> {
        ChildProcess.spawn(path, arguments: arguments, log: log, environment: environment)
    }

    /// Records a running child, to be killed at exit if nothing stopped it.
    static func register(_ pid: pid_t) {
        _ = exitHookInstalled
        pids.withLock { _ = $0.insert(pid) }
    }

    /// Forgets a child that has been stopped and reaped.
    static func unregister(_ pid: pid_t) {
        pids.withLock { _ = $0.remove(pid) }
    }

    /// Reaps the child if it has exited; true once it is gone.
    static func reapIfExited(_ pid: pid_t) -> Bool { ChildProcess.reapIfExited(pid) }

    /// Stops the child: SIGTERM, up to `timeout` for it to exit, then SIGKILL; always reaps it.
    static func terminate(_ pid: pid_t, timeout: Duration) { ChildProcess.terminate(pid, timeout: timeout) }

    /// Runs `path` with `arguments` (and `environment` added) to its end, output appended to `log`; answers its exit status (128 + signal when
    /// killed by one, -1 when it could not start).
    static func runToEnd(_ path: String, arguments: [String], log: String, environment: [String] = []) -> Int32 {
        guard case .success(let pid) = spawn(path, arguments: arguments, log: log, environment: environment) else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    private static func killAll() {
        for pid in pids.withLock({ $0 }) { kill(pid, SIGKILL) }
    }
}
