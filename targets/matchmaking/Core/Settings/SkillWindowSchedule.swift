/// One step of a skill window schedule: from `after` seconds of waiting on, tickets within `width` MMR (either side)
/// are acceptable; a nil width accepts any rating.
public struct SkillWindowStep: Sendable, Equatable, Codable {
    /// Seconds of waiting from which the step applies.
    public var after: Double
    /// The MMR distance accepted either side; nil for any.
    public var width: Int?

    /// A step.
    public init(after: Double, width: Int?) {
        self.after = after
        self.width = width
    }
}

/// How the acceptable MMR window around a waiting ticket widens with its wait (like FlexMatch expansions).
public struct SkillWindowSchedule: Sendable, Equatable, Codable {
    /// The steps, sorted by `after`; the first applies from 0 s whatever its `after`.
    public private(set) var steps: [SkillWindowStep]

    /// A schedule of `steps` (sorted here; an empty list accepts any rating at once).
    public init(_ steps: [SkillWindowStep]) {
        self.steps = steps.sorted { $0.after < $1.after }
    }

    /// ±50 at once, ±100 after 5 s, ±200 after 10 s, ±400 after 20 s, any after 30 s.
    public static let standard = SkillWindowSchedule([
        .init(after: 0, width: 50), .init(after: 5, width: 100), .init(after: 10, width: 200),
        .init(after: 20, width: 400), .init(after: 30, width: nil),
    ])

    /// The width after waiting `seconds` (nil: any).
    public func width(after seconds: Double) -> Int? {
        var width = steps.first?.width
        for step in steps where seconds >= step.after { width = step.width }
        return width
    }

    /// The schedule as script arguments: `after width` pairs, width -1 for any.
    var scriptArgument: String {
        steps.map { "\($0.after) \($0.width ?? -1)" }.joined(separator: " ")
    }
}
