import CoreMetrics
import MatchmakingTelemetry

/// The game server's metrics: connected players, ticks, and WebSocket messages by direction.
struct GameMetrics: Sendable {
    /// `game_server_players_connected`.
    let playersConnected: CoreMetrics.Gauge
    /// `game_server_ticks_total`.
    let ticks: CoreMetrics.Counter
    /// `game_server_messages_total{direction="in"}`.
    let messagesIn: CoreMetrics.Counter
    /// `game_server_messages_total{direction="out"}`.
    let messagesOut: CoreMetrics.Counter

    init(telemetry: ServiceTelemetry) {
        playersConnected = telemetry.gauge("game_server_players_connected")
        ticks = telemetry.counter("game_server_ticks_total")
        messagesIn = telemetry.counter("game_server_messages_total", dimensions: [("direction", "in")])
        messagesOut = telemetry.counter("game_server_messages_total", dimensions: [("direction", "out")])
        playersConnected.record(0)
    }
}
