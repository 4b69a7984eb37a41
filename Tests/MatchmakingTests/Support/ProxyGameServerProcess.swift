import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A `matchmaking-gameserver` process (built next to the test binary) hosting one match on 127.0.0.1 and a free port,
/// so a test can kill it abruptly (SIGKILL: no `end`, no close frame).
final class ProxyGameServerProcess: Sendable {
    /// The port it listens on.
    let port: Int
    private let process: Process

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    /// The game server executable, next to the test binary.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("matchmaking-gameserver")
    }

    /// Starts a server for match `matchId` between `players`, and waits (up to 10 s) until it listens.
    static func start(matchId: String, players: [String]) async throws -> ProxyGameServerProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--match-id", matchId, "--players", players.joined(separator: ","), "--port", "0", "--duration", "30",
            "--join-timeout", "30", "--log-level", "critical",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = output.fileHandleForReading
        let port: Int? = await withCheckedContinuation { continuation in
            // A thread of its own: reading the pipe blocks.
            Thread.detachNewThread {
                var text = ""
                let deadline = Date().addingTimeInterval(10)
                while Date() < deadline {
                    let data = reader.availableData
                    if data.isEmpty { break }
                    text += String(decoding: data, as: UTF8.self)
                    if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }),
                       let port = line.split(separator: ":").last.flatMap({ Int($0) }) {
                        continuation.resume(returning: port)
                        return
                    }
                }
                continuation.resume(returning: nil)
            }
        }
        guard let port else {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw ProxyTestError.gameServerDidNotStart(executable.path)
        }
        return ProxyGameServerProcess(port: port, process: process)
    }

    /// Stops it (SIGSTOP): it still accepts TCP connections (the kernel does) but answers nothing.
    func freeze() {
        Glibc.kill(process.processIdentifier, SIGSTOP)
    }

    /// Kills it with SIGKILL and waits until it is gone.
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
