import Foundation
import GameOrchestrator
import RedisServerProcess
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The game server as a process: started by an orchestrator that dies without stopping it, it must not stay behind.
@Suite(.timeLimit(.minutes(1)))
struct GameServerProcessTests {
    @Test("with --parent-pid, a game server whose parent (the orchestrator) died ends within seconds")
    func exitsWithItsParent() async throws {
        let executable = ProcessBackend.defaultExecutablePath
        try #require(FileManager.default.isExecutableFile(atPath: executable), "build matchmaking-gameserver first")
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("gameserver-\(UUID().uuidString).pid").path
        let logFile = pidFile + ".log"
        defer {
            try? FileManager.default.removeItem(atPath: pidFile)
            try? FileManager.default.removeItem(atPath: logFile)
        }
        // A shell starts the server in the background and exits at once: the server's parent is gone.
        let script = #""$0" --match-id m --players a --join-timeout 60 --parent-pid $$ >"$2" 2>&1 & echo $! > "$1""#
        guard case .success(let shell) = ChildProcess.spawn("/bin/sh", arguments: ["-c", script, executable, pidFile, logFile]) else {
            Issue.record("could not start /bin/sh")
            return
        }
        ChildProcess.reap(shell)
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        defer { kill(pid, SIGKILL) }
        #expect(await Self.gone(pid, within: .seconds(10)), "the orphaned game server \(pid) is still running")
        // It went because its parent did, not because it refused its arguments (which would also leave it gone).
        // It may end before binding its port (the parent is checked at once), so its log may hold nothing else.
        let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        #expect(!log.contains("Usage:") && !log.contains("Error:"), "the game server refused to start: \(log)")
    }

    /// Whether `pid` ends (or is a zombie awaiting its new parent) within `limit`.
    private static func gone(_ pid: Int32, within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            let state = stat.split(separator: ")").last?.split(separator: " ").first
            if stat.isEmpty || state == "Z" { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
