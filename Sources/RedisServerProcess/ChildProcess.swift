#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Spawns and reaps a child process with `posix_spawn` and `waitpid` (no Foundation run loop involved): the
/// redis-server of ``RedisServer``, and other servers tests start (such as Prometheus).
public enum ChildProcess {
    /// `posix_spawn` failed with this errno value.
    public struct SpawnError: Error {
        /// The errno value.
        public let code: Int32
    }

    /// Spawns `path` with `arguments`, stdin on /dev/null, stdout and stderr appended to `log` (or on /dev/null),
    /// default signal handling, this process's environment plus `environment` (`NAME=value` entries), and no
    /// inherited descriptors beyond those three (where the C library can close them). Returns the child's pid.
    public static func spawn(
        _ path: String, arguments: [String], log: String? = nil, environment: [String] = []
    ) -> Result<pid_t, SpawnError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let log {
            posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        if let closeFrom = closeFromAction { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) }
        argv.append(nil)
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard !environment.isEmpty else {
            let status = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
            return status == 0 ? .success(pid) : .failure(SpawnError(code: status))
        }
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) }
        var inherited = environ
        while let entry = inherited.pointee {
            envp.append(strdup(entry))
            inherited += 1
        }
        envp.append(nil)
        defer { for pointer in envp { free(pointer) } }
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        return status == 0 ? .success(pid) : .failure(SpawnError(code: status))
    }

    /// Reaps the child if it has exited; true once it is gone (or was never our child).
    public static func reapIfExited(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return true }
            if result == 0 { return false }
            if errno != EINTR { return true }
        }
    }

    /// Blocks until the child has exited and reaps it.
    public static func reap(_ pid: pid_t) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    /// Stops the child: SIGTERM, up to `timeout` for it to exit, then SIGKILL; always reaps it.
    public static func terminate(_ pid: pid_t, timeout: Duration) {
        guard !reapIfExited(pid) else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if reapIfExited(pid) { return }
            usleep(2_000)
        }
        kill(pid, SIGKILL)
        reap(pid)
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// glibc ≥ 2.34's `posix_spawn_file_actions_addclosefrom_np`, which the Swift overlay does not import.
    private static let closeFromAction: CloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()
}
