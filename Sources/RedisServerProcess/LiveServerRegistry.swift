import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process ids of every running `redis-server` this process started, killed at exit as a last safety net.
enum LiveServerRegistry {
    private static let pids = Mutex<Set<Int32>>([])
    private static let exitHookInstalled: Bool = {
        atexit { LiveServerRegistry.killAll() }
        return true
    }()

    /// Records a started server process.
    static func register(_ pid: Int32) {
        _ = exitHookInstalled
        pids.withLock { _ = $0.insert(pid) }
    }

    /// Forgets a server process that has been stopped and reaped.
    static func unregister(_ pid: Int32) {
        pids.withLock { _ = $0.remove(pid) }
    }

    /// Sends SIGKILL to every server still registered.
    static func killAll() {
        let remaining = pids.withLock { $0 }
        for pid in remaining { kill(pid, SIGKILL) }
    }
}
