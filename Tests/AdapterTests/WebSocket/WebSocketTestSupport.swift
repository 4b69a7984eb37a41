import StampedePluginAPI
import StampedeWebSocketAdapter

/// Helpers shared by the `websocket` adapter's tests.
enum WebSocketTestSupport {
    /// The player every test action comes from.
    static let player = PlayerInfo(id: 1, behaviour: "test")

    /// Makes a `websocket` target with `settings` (plus `base_url`), runs `body` with it and one player's session,
    /// then closes the session and tears the target down.
    static func withTarget<T: Sendable>(
        baseURL: String, _ settings: [String: ActionValue] = [:],
        _ body: (WebSocketTestPlayer) async throws -> T
    ) async throws -> T {
        var settings = settings
        settings["base_url"] = .string(baseURL)
        let target = try WebSocketAdapter.makeTarget(TargetConfig(name: "game", settings: settings))
        let player = WebSocketTestPlayer(target: target, session: target.makeSession(for: player))
        do {
            let result = try await body(player)
            await player.session.close()
            await target.teardown()
            return result
        } catch {
            await player.session.close()
            await target.teardown()
            throw error
        }
    }

    /// The error kind of an outcome, or `nil` on success.
    static func kind(_ outcome: ActionOutcome) -> String? {
        if case .error(let kind, _) = outcome.status { return kind }
        return nil
    }

    /// The error message of an outcome, or `nil` on success.
    static func message(_ outcome: ActionOutcome) -> String? {
        if case .error(_, let message) = outcome.status { return message }
        return nil
    }
}

/// A target and one player's session on it.
struct WebSocketTestPlayer: Sendable {
    /// The target.
    let target: any ActionTarget
    /// The player's session.
    let session: any PlayerSession

    /// Performs one action as this player.
    func perform(
        _ action: String, _ parameters: [String: ActionValue] = [:], captures: [String: String] = [:]
    ) async -> ActionOutcome {
        let request = ActionRequest(action: action, parameters: parameters, captures: captures, player: WebSocketTestSupport.player)
        return await target.perform(request, session: session)
    }

    /// Performs `connect` to `path`.
    func connect(_ path: String, headers: [String: String] = [:]) async -> ActionOutcome {
        var parameters: [String: ActionValue] = ["path": .string(path)]
        if !headers.isEmpty { parameters["headers"] = .map(headers.mapValues { .string($0) }) }
        return await perform("connect", parameters)
    }
}
