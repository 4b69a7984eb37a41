import CoreMetrics
import MatchmakingTelemetry
import Synchronization

/// The proxy's metrics: `orchestrator_proxy_connections` (gauge, open now),
/// `orchestrator_proxy_connections_total{outcome}` (admitted, unauthorized, forbidden, unknown_match, error) and
/// `orchestrator_proxy_bytes_total{direction}` (client_to_server, server_to_client: WebSocket payload bytes).
final class ProxyMetrics: Sendable {
    private let open: CoreMetrics.Gauge
    private let openCount = Atomic<Int>(0)
    private let outcomes: [ProxyOutcome: CoreMetrics.Counter]
    /// Payload bytes relayed from players to game servers.
    let clientToServerBytes: CoreMetrics.Counter
    /// Payload bytes relayed from game servers to players.
    let serverToClientBytes: CoreMetrics.Counter

    init(telemetry: ServiceTelemetry) {
        open = telemetry.gauge("orchestrator_proxy_connections")
        open.record(0)
        outcomes = Dictionary(uniqueKeysWithValues: ProxyOutcome.allCases.map { outcome in
            (outcome, telemetry.counter("orchestrator_proxy_connections_total", dimensions: [("outcome", outcome.rawValue)]))
        })
        clientToServerBytes = telemetry.counter("orchestrator_proxy_bytes_total", dimensions: [("direction", "client_to_server")])
        serverToClientBytes = telemetry.counter("orchestrator_proxy_bytes_total", dimensions: [("direction", "server_to_client")])
    }

    /// Connections open now.
    var openConnections: Int { openCount.load(ordering: .relaxed) }

    /// Counts one connection attempt's outcome.
    func count(_ outcome: ProxyOutcome) {
        outcomes[outcome]?.increment()
    }

    /// A proxied connection opened.
    func connectionOpened() {
        open.record(openCount.add(1, ordering: .relaxed).newValue)
    }

    /// A proxied connection closed.
    func connectionClosed() {
        open.record(openCount.subtract(1, ordering: .relaxed).newValue)
    }
}

/// What became of a connection attempt: the `outcome` label of `orchestrator_proxy_connections_total`.
enum ProxyOutcome: String, Sendable, CaseIterable {
    /// Upgraded and relayed to the game server.
    case admitted
    /// No token, or an unknown or expired one (401).
    case unauthorized
    /// A player not assigned to the match (403).
    case forbidden
    /// No running match of that id (404).
    case unknownMatch = "unknown_match"
    /// The session store could not be asked (503).
    case error
}
