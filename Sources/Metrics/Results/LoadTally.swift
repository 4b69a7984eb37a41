/// What one load planned and what it achieved.
public struct LoadTally: Sendable, Equatable, Codable {
    /// The load's name.
    public var name: String
    /// Its model: `open`, `closed` or `population`.
    public var model: String
    /// Arrivals (or player joins) the plan intended over the whole duration; nil when the plan cannot know
    /// (closed loads loop as fast as their players go).
    public var planned: Int?
    /// Arrivals (or joins) that started.
    public var started: Int
    /// Arrivals dropped for lack of capacity.
    public var dropped: Int

    /// Creates a tally.
    public init(name: String, model: String, planned: Int?, started: Int, dropped: Int) {
        self.name = name
        self.model = model
        self.planned = planned
        self.started = started
        self.dropped = dropped
    }
}
