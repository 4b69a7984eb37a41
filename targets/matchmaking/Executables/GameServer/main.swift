import ArgumentParser
import Foundation
import GameServer
import Logging
import MatchmakingTelemetry
import NIOPosix
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `matchmaking-gameserver`: hosts one match over WebSocket, then exits.
struct GameServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matchmaking-gameserver",
        abstract: "The matchmaking reference target's game server: one match over WebSocket per process.",
        discussion: """
            Prints `listening on HOST:PORT` once bound, and `result {JSON}` when the match ends \
            (completed, abandoned or terminated), then exits 0. SIGTERM or SIGINT ends the match as terminated.
            """
    )

    @Option(help: "The match id: clients connect to /game/MATCH-ID/connect.") var matchId: String
    @Option(help: "Comma-separated ids of the players expected.") var players: String
    @Option(help: "State broadcasts per second.") var tickRate = 32
    @Option(help: "Match duration in seconds, counted from the start (every expected player joined, or the join timeout passed with at least one).") var duration = 30.0
    @Option(help: "Seconds to wait for every expected player before starting with those present (abandoning the match if none came).") var joinTimeout = 30.0
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: a free port).") var port = 0
    @Option(help: "NIO event loop threads (a process per match stays small with 1).") var threads = 1
    @Option(help: "Log level (trace, debug, info, notice, warning, error, critical).") var logLevel = "info"
    @Option(help: "End the match as terminated, and exit, once process PID is no longer this one's parent (the orchestrator passes its own pid, so that a killed orchestrator leaves no game server behind).")
    var parentPid: Int32?

    private var playerIds: [String] {
        players.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard !playerIds.isEmpty else { throw ValidationError("--players must name at least one player") }
        guard tickRate > 0, tickRate <= 1_000 else { throw ValidationError("--tick-rate must be 1 to 1000") }
        guard duration > 0, joinTimeout > 0 else { throw ValidationError("--duration and --join-timeout must be positive") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1 to 64") }
    }

    func run() async throws {
        var logger = Logger(label: "matchmaking-gameserver", factory: LazyMetadataLogHandler.init(label:))
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let settings = GameServerSettings(
            matchId: matchId, expectedPlayers: playerIds, tickRate: tickRate, matchDuration: .seconds(duration),
            joinTimeout: .seconds(joinTimeout), host: host, port: port
        )
        let boundHost = host
        let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let server = GameServerService(
            settings: settings, logger: logger, eventLoopGroup: eventLoops,
            onServerRunning: { port in
                FileHandle.standardOutput.write(Data("listening on \(boundHost):\(port)\n".utf8))
            },
            onMatchEnd: { result in
                FileHandle.standardOutput.write(Data("result \(result.json)\n".utf8))
            }
        )
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: server, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        ))
        if let parentPid { Self.watchParent(parentPid) }
        var failure: (any Error)?
        do {
            try await group.run()
        } catch {
            failure = error
        }
        try? await eventLoops.shutdownGracefully()
        if let failure { throw failure }
    }
}

extension GameServerCommand {
    /// Sends this process SIGTERM (a graceful end, as from the orchestrator) once `parent` is no longer its parent:
    /// when the parent dies the process is adopted by another. Checked every second (and at once: the parent may
    /// have died before this process got here).
    static func watchParent(_ parent: Int32) {
        Task.detached {
            while getppid() == parent {
                try? await Task.sleep(for: .seconds(1))
            }
            kill(getpid(), SIGTERM)
        }
    }
}

/// Runs the command from an async function, so that `main()` resolves to AsyncParsableCommand's async entry
/// (this target's single file is main.swift, which cannot use `@main`).
func runGameServerCommand() async {
    await GameServerCommand.main()
}

await runGameServerCommand()
