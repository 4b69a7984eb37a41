import StampedeHTTPAdapter
import StampedePluginAPI

/// A target of the `matchmaking` adapter: one pooled HTTP client to the gateway, the ledger of tickets, and the
/// actions.
final class MatchmakingTarget: ActionTarget {
    /// The settings.
    let settings: MatchmakingSettings
    /// The gateway client.
    let client: PlainHTTPClient
    /// Every ticket joined.
    let ledger = TicketLedger()

    /// A target with these settings.
    /// - Throws: ``TargetConfigError`` when the base URL is not usable.
    init(settings: MatchmakingSettings) throws {
        self.settings = settings
        do {
            client = try PlainHTTPClient(baseURL: settings.baseURL, poolSize: settings.poolSize, timeout: settings.timeout)
        } catch {
            throw TargetConfigError(target: settings.target, setting: "base_url", problem: error.message)
        }
    }

    /// A session for a new player: its id is the run's prefix and its number.
    func makeSession(for player: PlayerInfo) -> any PlayerSession {
        MatchmakingSession(playerId: "\(settings.playerPrefix)-\(player.id)")
    }

    /// Closes the gateway connections.
    func teardown() async {
        client.shutdown()
    }

    /// Performs one action for the session's player.
    func perform(_ request: ActionRequest, session: any PlayerSession) async -> ActionOutcome {
        guard let session = session as? MatchmakingSession else {
            return .error("invalid_request", "the matchmaking adapter was given another adapter's session")
        }
        var exchange = GatewayExchange(client: client, session: session)
        let outcome: ActionOutcome
        switch request.action {
        case "login": outcome = await login(request, &exchange)
        case "fetch_store": outcome = await fetchStore(&exchange)
        case "purchase": outcome = await purchase(request, &exchange)
        case "join_queue": outcome = await joinQueue(request, &exchange)
        case "await_match": outcome = await awaitMatch(request, &exchange)
        case "cancel": outcome = await cancel(&exchange)
        case "logout": outcome = await logout(&exchange)
        case "connect_game": return await connectGame(request, session: session)
        default: return .error("invalid_request", "the matchmaking adapter has no action '\(request.action)'")
        }
        return exchange.finish(outcome)
    }

    /// Cancels the tickets still open (as their players would when leaving) and counts the ones the server lost.
    func finalMetrics() async -> [MetricSample] {
        var lost = 0
        if settings.finalCheck {
            lost = await LostTicketCheck(client: client, ledger: ledger).run()
        }
        var samples = [
            MetricSample(name: "duplicate_assignments", value: Double(ledger.duplicates)),
            MetricSample(name: "lost_tickets", value: Double(lost)),
        ]
        if let orchestrator = settings.orchestratorURL {
            let matches = ledger.matchIds()
            var unreaped = matches.count  // an orchestrator that cannot be asked vouches for none of them
            if let client = try? PlainHTTPClient(baseURL: orchestrator, poolSize: ReapCheck.concurrency, timeout: settings.timeout) {
                unreaped = await ReapCheck(client: client, matches: matches).run()
                client.shutdown()
            }
            samples.append(MetricSample(name: "game_servers_unreaped", value: Double(unreaped)))
        }
        return samples
    }
}
