/// A setting of a target's `config:` is missing or invalid: what every adapter's ``TargetAdapter/makeTarget(_:)``
/// throws for bad settings, so that the engine can report it in one form (`target 'api' (http): pool_size must be…`).
public struct TargetConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target's name.
    public var target: String
    /// The setting at fault.
    public var setting: String
    /// What is wrong with it, e.g. `must be a whole number of at least 1`.
    public var problem: String

    /// An error about `setting` of `target`.
    public init(target: String, setting: String, problem: String) {
        self.target = target
        self.setting = setting
        self.problem = problem
    }

    /// `target 'api': pool_size must be a whole number of at least 1`.
    public var description: String { "target '\(target)': \(setting) \(problem)" }
}
