import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// The default backend: each game server is a `matchmaking-gameserver` child process on this machine, listening on
/// 127.0.0.1 and a port of its choosing.
///
/// It starts the executable with `--match-id --players --port 0 --tick-rate --duration --join-timeout --threads`,
/// waits for its `listening on HOST:PORT` line, then for `GET /health` to answer; both before
/// ``readinessTimeout``, else the child is killed (and reaped) and provisioning fails. The child inherits no
/// descriptor but its standard input (empty), output and error (both read by the orchestrator).
public struct ProcessBackend: GameServerBackend {
    /// The game server executable.
    public var executablePath: String
    /// How long a server has to become ready.
    public var readinessTimeout: Duration
    /// NIO event loop threads per game server.
    public var threads: Int
    private let http: HTTPClient
    private let logger: Logger

    /// A backend starting `executablePath` (default: `matchmaking-gameserver` beside this process's executable),
    /// checking health with `http`.
    public init(
        executablePath: String? = nil, readinessTimeout: Duration = .seconds(10), threads: Int = 1,
        http: HTTPClient = .shared, logger: Logger = Logger(label: "matchmaking-orchestrator")
    ) {
        self.executablePath = executablePath ?? Self.defaultExecutablePath
        self.readinessTimeout = readinessTimeout
        self.threads = threads
        self.http = http
        self.logger = logger
    }

    /// `matchmaking-gameserver` in the folder of the running executable.
    public static var defaultExecutablePath: String {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? "."
        return URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("matchmaking-gameserver").path
    }

    /// Starts a game server process for `spec` and waits until it is healthy.
    public func provision(_ spec: GameServerSpec) async throws -> any GameServerHandle {
        guard FileManager.default.isExecutableFile(atPath: executablePath) else {
            throw ProvisioningError("no game server executable at \(executablePath) (build matchmaking-gameserver, or pass --gameserver-path)")
        }
        var matchLogger = logger
        matchLogger[metadataKey: "match"] = "\(spec.matchId)"
        let process = GameServerProcess(executable: executablePath, arguments: arguments(for: spec), logger: matchLogger)
        let deadline = ContinuousClock.now + readinessTimeout
        do {
            let (host, port) = try await listening(process, before: deadline)
            try await waitForHealth(host: host, port: port, before: deadline)
            return ProcessGameServer(host: host, port: port, process: process)
        } catch let error as ProvisioningError {
            process.kill()
            _ = await process.waitForExit()
            throw error
        } catch {
            process.kill()
            _ = await process.waitForExit()
            throw ProvisioningError("game server did not become ready: \(error)")
        }
    }

    private func arguments(for spec: GameServerSpec) -> [String] {
        [
            "--match-id", spec.matchId, "--players", spec.players.joined(separator: ","), "--port", "0",
            "--tick-rate", String(spec.tickRate), "--duration", Self.seconds(spec.matchDuration),
            "--join-timeout", Self.seconds(spec.joinTimeout), "--threads", String(threads), "--parent-pid", String(getpid()),
        ]
    }

    private func listening(_ process: GameServerProcess, before deadline: ContinuousClock.Instant) async throws -> (String, Int) {
        let timeout = readinessTimeout
        let reported: (String, Int)? = try await withThrowingTaskGroup(of: (String, Int)??.self) { group in
            group.addTask {
                for await case .listening(let host, let port) in process.startup { return (host, port) }
                return .some(nil)
            }
            group.addTask {
                try await Task.sleep(until: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let outcome = first else {
                throw ProvisioningError("game server did not report its port within \(timeout)")
            }
            return outcome
        }
        guard let reported else {
            let exit = await process.waitForExit()
            throw ProvisioningError("game server stopped before listening: \(exit.reasonText)")
        }
        return reported
    }

    private func waitForHealth(host: String, port: Int, before deadline: ContinuousClock.Instant) async throws {
        var request = HTTPClientRequest(url: "http://\(host):\(port)/health")
        request.headers.add(name: "Connection", value: "close")  // no idle connection kept per game server
        var lastError = "no answer"
        while ContinuousClock.now < deadline {
            let remaining = ContinuousClock.now.duration(to: deadline)
            do {
                let response = try await http.execute(request, timeout: .nanoseconds(Int64(Self.nanoseconds(remaining))))
                _ = try? await response.body.collect(upTo: 64 * 1024)
                if response.status == .ok { return }
                lastError = "status \(response.status.code)"
            } catch {
                lastError = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ProvisioningError("game server at \(host):\(port) not healthy within \(readinessTimeout): \(lastError)")
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(1_000_000, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    private static func seconds(_ duration: Duration) -> String {
        String(Double(nanoseconds(duration)) / 1e9)
    }
}

/// A game server process the ``ProcessBackend`` started.
public struct ProcessGameServer: GameServerHandle {
    /// Its address (loopback).
    public let host: String
    /// Its port.
    public let port: Int
    private let process: GameServerProcess

    init(host: String, port: Int, process: GameServerProcess) {
        self.host = host
        self.port = port
        self.process = process
    }

    /// The child's process id.
    public var processIdentifier: Int32? { process.processIdentifier }

    /// `pid N`.
    public var instance: String { "pid \(processIdentifier.map(String.init) ?? "?")" }

    /// Waits until the child has been reaped.
    public func waitForExit() async -> GameServerExit { await process.waitForExit() }

    /// SIGTERM, then SIGKILL after `grace`.
    public func terminate(grace: Duration) { process.terminate(grace: grace) }
}

extension GameServerExit {
    /// `completed`, `terminated`… for a finished match; the failure reason otherwise.
    public var reasonText: String {
        switch self {
        case .finished(let result): result.reason.rawValue
        case .failed(let reason): reason
        }
    }
}
