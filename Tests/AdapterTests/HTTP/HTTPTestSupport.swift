import StampedeHTTPAdapter
import StampedePluginAPI

/// Helpers shared by the `http` adapter's tests.
enum HTTPTestSupport {
    /// The player every test request comes from.
    static let player = PlayerInfo(id: 1, behaviour: "test")

    /// Makes an `http` target with `settings` (plus `base_url`), runs `body` with it and tears it down.
    static func withTarget<T: Sendable>(
        baseURL: String, _ settings: [String: ActionValue] = [:], _ body: (any ActionTarget) async throws -> T
    ) async throws -> T {
        var settings = settings
        settings["base_url"] = .string(baseURL)
        let target = try HTTPAdapter.makeTarget(TargetConfig(name: "api", settings: settings))
        do {
            let result = try await body(target)
            await target.teardown()
            return result
        } catch {
            await target.teardown()
            throw error
        }
    }

    /// Performs one action on `target`.
    static func perform(
        _ target: any ActionTarget, _ action: String, _ parameters: [String: ActionValue], captures: [String: String] = [:]
    ) async -> ActionOutcome {
        let request = ActionRequest(action: action, parameters: parameters, captures: captures, player: player)
        return await target.perform(request, session: target.makeSession(for: player))
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
