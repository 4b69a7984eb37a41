/// The mutable part of a ``RedisServer``: the running process, if any, and whether its directory is gone.
struct ServerProcessState {
    /// The pid of the running `redis-server`, nil once stopped and reaped.
    var pid: Int32?
    /// True once the temporary directory has been removed (the server cannot be restarted any more).
    var directoryRemoved = false

    /// Stops the process (SIGTERM, SIGKILL after `timeout`) and reaps it.
    mutating func terminate(timeout: Duration) {
        guard let pid else { return }
        self.pid = nil
        ChildProcess.terminate(pid, timeout: timeout)
        LiveServerRegistry.unregister(pid)
    }
}
