import StampedePluginAPI

/// The built-in `matchmaking` adapter: a simulated player of the bundled game backend (targets/matchmaking), or of
/// any server speaking the same client API: log in, browse and buy in the store, queue for a match and wait for it
/// through the gateway's push channel (a long-polled status), cancel, log out, and play the match through the game
/// orchestrator's WebSocket proxy (`connect_game`).
///
/// The player's session keeps its token, its open ticket and its match. Every player gets the id
/// `<player_prefix>-<number>`; the prefix is random per run unless set, so runs never collide on the server.
///
/// At the end of a run the adapter reports `duplicate_assignments` (tickets reported in two different matches, and
/// players whose tickets were matched while another of their tickets was still open) and `lost_tickets` (tickets
/// joined that the server no longer knows, or that it still holds as searching after the players would have
/// cancelled them) — thresholds such as `duplicate_assignments: ["count == 0"]` make them CI checks.
public struct MatchmakingAdapter: TargetAdapter {
    /// What the `matchmaking` adapter offers.
    public static let declaration = AdapterDeclaration(
        name: "matchmaking",
        summary: "A player of the reference game backend: login, store, purchase, queue for a match, cancel, logout.",
        config: [
            ParameterDeclaration(
                name: "base_url", type: .string, required: true, summary: "The gateway's URL, e.g. http://127.0.0.1:8080."),
            ParameterDeclaration(name: "pool_size", type: .integer, summary: "Connections to the gateway (default 256)."),
            ParameterDeclaration(name: "timeout", type: .duration, summary: "How long one HTTP request may take (default 30s)."),
            ParameterDeclaration(
                name: "player_prefix", type: .string, summary: "Prefix of player ids (default: random per run)."),
            ParameterDeclaration(
                name: "orchestrator_url", type: .string,
                summary: "The game orchestrator's URL: the end of the run checks that every match's game server was reaped (game_servers_unreaped)."),
            ParameterDeclaration(
                name: "final_check", type: .boolean,
                summary: "Whether tickets left open at the end are cancelled and checked for lost_tickets (default true)."),
        ],
        actions: [
            ActionDeclaration(name: "login", summary: "Logs in (POST /login) and keeps the session token.", parameters: [
                ParameterDeclaration(name: "password", type: .string, summary: "The password sent (default: secret)."),
            ], captures: ["token"]),
            ActionDeclaration(name: "fetch_store", summary: "Lists the store's offers (GET /store/offers).", captures: ["offer_id"]),
            ActionDeclaration(name: "purchase", summary: "Buys an offer (POST /store/purchase), idempotently.", parameters: [
                ParameterDeclaration(
                    name: "offer_id", type: .string, summary: "The offer (default: a random one of the last fetched offers)."),
            ], captures: ["balance"]),
            ActionDeclaration(
                name: "join_queue", summary: "Queues for a match (POST /matchmaking/join) and, unless wait is false, waits for it.",
                parameters: [
                    ParameterDeclaration(name: "mmr", type: .integer, summary: "The player's skill rating (default 1500)."),
                    ParameterDeclaration(name: "region", type: .string, summary: "The region to queue in (default: the server's)."),
                    ParameterDeclaration(
                        name: "wait", type: .boolean, summary: "Whether to wait for the match (default true); else use await_match."),
                    ParameterDeclaration(
                        name: "timeout", type: .duration,
                        summary: "How long to wait for a match before giving up and cancelling (default 60s, as the original client)."),
                ], captures: ["ticket_id", "match_id", "server_url"]),
            ActionDeclaration(name: "await_match", summary: "Waits for the open ticket's match.", parameters: [
                ParameterDeclaration(name: "timeout", type: .duration, summary: "How long to wait (default 60s)."),
            ], captures: ["match_id", "server_url"]),
            ActionDeclaration(name: "cancel", summary: "Cancels the open ticket (POST /matchmaking/cancel)."),
            ActionDeclaration(name: "logout", summary: "Logs out (POST /logout) and forgets the session."),
            ActionDeclaration(
                name: "connect_game",
                summary: "Plays the last match through its WebSocket (the orchestrator's proxy) until it ends, sending inputs and timing their acks.",
                parameters: [
                    ParameterDeclaration(name: "input_rate", type: .number, summary: "Inputs sent per second (default 10; 0: none)."),
                    ParameterDeclaration(name: "timeout", type: .duration, summary: "How long the match may take (default 5m)."),
                    ParameterDeclaration(name: "url", type: .string, summary: "The match's ws:// URL (default: the last match's server_url)."),
                ]),
        ],
        metrics: [
            MetricDeclaration(name: "time_to_match", kind: .trend, summary: "From joining the queue to being matched."),
            MetricDeclaration(name: "tickets_joined", kind: .counter, summary: "Tickets created."),
            MetricDeclaration(
                name: "tickets_resolved", kind: .counter, summary: "Tickets that reached a final status, tagged with it (ticket_status: matched, cancelled, timed_out)."),
            MetricDeclaration(
                name: "duplicate_assignments", kind: .counter,
                summary: "Tickets seen in two matches, or matched while another ticket of the player was open (end of run)."),
            MetricDeclaration(
                name: "lost_tickets", kind: .counter, summary: "Tickets joined that the server lost or never resolved (end of run)."),
            MetricDeclaration(name: "game_rtt", kind: .trend, summary: "Round trip of a game input to its acknowledgement, through the proxy."),
            MetricDeclaration(
                name: "matches_played", kind: .counter, summary: "Matches played to their end, tagged with how they ended (end_reason: completed, failed, …)."),
            MetricDeclaration(name: "game_states_received", kind: .counter, summary: "State broadcasts received while playing."),
            MetricDeclaration(
                name: "game_servers_unreaped", kind: .counter,
                summary: "Matches of the run whose game server was still live 20 s after the end (needs orchestrator_url; end of run)."),
        ],
        tags: ["status", "ticket_status", "end_reason"]
    )

    /// Makes a `matchmaking` target (no connection is made before the first action).
    /// - Throws: ``TargetConfigError`` when a setting is missing or invalid.
    public static func makeTarget(_ config: TargetConfig) throws -> any ActionTarget {
        try MatchmakingTarget(settings: MatchmakingSettings(config))
    }
}
