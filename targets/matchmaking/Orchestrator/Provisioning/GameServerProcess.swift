import GameServer
import Logging
import Subprocess
import Synchronization

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// One `matchmaking-gameserver` child process, from spawn to reaping.
///
/// A task started with the process lives as long as it: it runs `Subprocess.run`, reads the child's standard
/// output (the `listening on` and `result` lines) and standard error (logged at debug, the last line kept for
/// failure reasons), sends the signals asked for, and ends once the child has been reaped. No thread blocks: the
/// pipes and the exit are watched by Subprocess's event loop.
final class GameServerProcess: Sendable {
    /// What the process reports while starting.
    enum Startup: Sendable {
        /// It printed `listening on HOST:PORT`.
        case listening(host: String, port: Int)
    }

    private enum Command: Sendable {
        case terminate(grace: Duration)
        case kill
    }

    /// What the child's task records for others to read.
    private final class Observations: Sendable {
        let pid = Mutex<Int32?>(nil)
        let lastError = Mutex<String?>(nil)
    }

    private let commands: AsyncStream<Command>.Continuation
    private let observations: Observations
    private let exit: Task<GameServerExit, Never>
    /// The process's startup reports; finishes when the process has exited.
    let startup: AsyncStream<Startup>

    /// Spawns `executable` with `arguments` (environment inherited; no descriptor but the three standard ones).
    init(executable: String, arguments: [String], logger: Logger) {
        let (startup, startupReports) = AsyncStream.makeStream(of: Startup.self)
        let (commands, commandInput) = AsyncStream.makeStream(of: Command.self)
        let observations = Observations()
        self.observations = observations
        self.startup = startup
        self.commands = commandInput
        exit = Task {
            defer { startupReports.finish() }
            return await Self.run(
                executable: executable, arguments: arguments, startupReports: startupReports, commands: commands,
                observations: observations, logger: logger
            )
        }
    }

    /// The child's process id once spawned (nil before, and if it could not be spawned).
    var processIdentifier: Int32? { observations.pid.withLock { $0 } }

    /// Waits until the child has been reaped and says how it ended.
    func waitForExit() async -> GameServerExit {
        await exit.value
    }

    /// SIGTERM now, SIGKILL after `grace` unless it has exited.
    func terminate(grace: Duration) {
        commands.yield(.terminate(grace: grace))
    }

    /// SIGKILL now.
    func kill() {
        commands.yield(.kill)
    }

    private static func run(
        executable: String, arguments: [String], startupReports: AsyncStream<Startup>.Continuation,
        commands: AsyncStream<Command>, observations: Observations, logger: Logger
    ) async -> GameServerExit {
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))]
        do {
            let outcome = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(arguments), environment: .inherit,
                platformOptions: options, input: .none, output: .sequence, error: .sequence
            ) { execution -> MatchResult? in
                observations.pid.withLock { $0 = execution.processIdentifier.value }
                return await withTaskGroup(of: MatchResult?.self) { group in
                    group.addTask {
                        var result: MatchResult?
                        do {
                            for try await line in execution.standardOutput.strings() {
                                switch GameServerOutputLine(line) {
                                case .listening(let host, let port): startupReports.yield(.listening(host: host, port: port))
                                case .result(let reported): result = reported
                                case nil: break
                                }
                            }
                        } catch {
                            logger.debug("game server output unreadable", metadata: ["error": "\(error)"])
                        }
                        startupReports.finish()
                        return result
                    }
                    group.addTask {
                        do {
                            for try await line in execution.standardError.strings() where !line.isEmpty {
                                logger.debug("game server: \(line)")
                                observations.lastError.withLock { $0 = String(line.prefix(300)) }
                            }
                        } catch {}
                        return nil
                    }
                    group.addTask {
                        await withTaskGroup(of: Void.self) { killers in
                            for await command in commands {
                                switch command {
                                case .kill:
                                    try? execution.send(signal: .kill)
                                case .terminate(let grace):
                                    try? execution.send(signal: .terminate)
                                    killers.addTask {
                                        guard (try? await Task.sleep(for: grace)) != nil else { return }
                                        try? execution.send(signal: .kill)
                                    }
                                }
                            }
                            killers.cancelAll()
                        }
                        return nil
                    }
                    // Both output streams end when the child exits; then stop taking commands.
                    var result: MatchResult?
                    for _ in 0..<2 {
                        if let reported = await group.next() ?? nil { result = reported }
                    }
                    group.cancelAll()
                    return result
                }
            }
            return classify(outcome.terminationStatus, result: outcome.closureResult, lastError: observations.lastError.withLock { $0 })
        } catch {
            return .failed(reason: "could not start \(executable): \(error)")
        }
    }

    private static func classify(_ status: TerminationStatus, result: MatchResult?, lastError: String?) -> GameServerExit {
        let detail = lastError.map { " (\($0))" } ?? ""
        switch status {
        case .exited(0):
            guard let result else { return .failed(reason: "exited without a result" + detail) }
            return .finished(result)
        case .exited(let code):
            return .failed(reason: "exited with status \(code)" + detail)
        case .signaled(let signal):
            return .failed(reason: "killed by signal \(signal)")
        }
    }
}
