/// One player joining (`delta == +1`) or leaving (`delta == −1`) at `time` (seconds from the start).
public struct LevelChange: Sendable, Equatable {
    /// When the change happens.
    public var time: Double
    /// `+1` for a join, `−1` for a leave.
    public var delta: Int

    /// Creates a change.
    public init(time: Double, delta: Int) {
        self.time = time
        self.delta = delta
    }
}
