/// A target adapter: the one protocol every plugin implements.
///
/// An adapter declares what it offers (checked by `validate`) and makes one ``ActionTarget`` per target of a
/// run. See plugins/README.md for a complete example.
public protocol TargetAdapter: Sendable {
    /// The adapter's declaration, used by `validate` and `plan`.
    static var declaration: AdapterDeclaration { get }

    /// Makes the instance serving one target of a run, from its validated `config:`.
    static func makeTarget(_ config: TargetConfig) throws -> any ActionTarget
}

/// The settings of one target of a run.
public struct TargetConfig: Sendable {
    /// The target's name in the scenario.
    public var name: String
    /// Its `config:` values.
    public var settings: [String: ActionValue]

    /// Creates a target configuration.
    public init(name: String, settings: [String: ActionValue] = [:]) {
        self.name = name
        self.settings = settings
    }
}

/// One target of a run: performs actions for players.
///
/// The engine never performs two actions of the same player at once, so a session may hold state for its player.
public protocol ActionTarget: Sendable {
    /// Prepares the target before the run (connection pools, checks). A thrown error fails the run (exit 1).
    func setup() async throws
    /// Releases everything after the run.
    func teardown() async
    /// Makes the per-player state (connections, cookies) of a new player.
    func makeSession(for player: PlayerInfo) -> any PlayerSession
    /// Performs one action. Errors are outcomes, not thrown: the engine records them.
    func perform(_ request: ActionRequest, session: any PlayerSession) async -> ActionOutcome
    /// Metrics known only at the end of the run (for example counts of anomalies seen).
    func finalMetrics() async -> [MetricSample]
}

extension ActionTarget {
    /// Nothing to prepare.
    public func setup() async throws {}
    /// Nothing to release.
    public func teardown() async {}
    /// No per-player state.
    public func makeSession(for player: PlayerInfo) -> any PlayerSession { NoSession.shared }
    /// No end-of-run metrics.
    public func finalMetrics() async -> [MetricSample] { [] }
}

/// Per-player state an adapter keeps between actions.
public protocol PlayerSession: AnyObject, Sendable {
    /// Closes what the session holds (called when the player leaves or the run ends).
    func close() async
}

extension PlayerSession {
    /// Nothing to close.
    public func close() async {}
}

/// The session of adapters that keep no per-player state.
public final class NoSession: PlayerSession {
    /// The one shared instance.
    public static let shared = NoSession()
}
