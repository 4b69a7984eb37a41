/// The player performing an action.
public struct PlayerInfo: Sendable, Equatable {
    /// The player's number, unique within a run.
    public var id: Int
    /// The behaviour it follows.
    public var behaviour: String

    /// Creates player information.
    public init(id: Int, behaviour: String) {
        self.id = id
        self.behaviour = behaviour
    }
}

/// One action to perform, with its parameters ready to use.
///
/// Templates are expanded and distribution parameters (such as the `null` adapter's `delay`) arrive already
/// sampled, as a number of seconds, so that every random choice stays seeded by the engine.
public struct ActionRequest: Sendable {
    /// The action's name, as declared by the adapter.
    public var action: String
    /// Parameters under `with:`.
    public var parameters: [String: ActionValue]
    /// Session variable → capture expression (`capture:`), for the adapter to fill in ``ActionOutcome/captured``.
    public var captures: [String: String]
    /// Who performs it.
    public var player: PlayerInfo
    /// 64 random bits from the player's seeded stream, for adapters that make random choices.
    public var random: UInt64

    /// Creates a request.
    public init(
        action: String, parameters: [String: ActionValue] = [:], captures: [String: String] = [:], player: PlayerInfo,
        random: UInt64 = 0
    ) {
        self.action = action
        self.parameters = parameters
        self.captures = captures
        self.player = player
        self.random = random
    }

    /// A text parameter.
    public func string(_ name: String) -> String? { parameters[name]?.text }
    /// A number parameter (durations and sampled distributions are seconds).
    public func number(_ name: String) -> Double? { parameters[name]?.number }
    /// A boolean parameter.
    public func bool(_ name: String) -> Bool? { parameters[name]?.bool }
}
