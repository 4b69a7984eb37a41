/// How tickets are grouped into matches: first come, first served, or by skill rating.
public enum MatchmakingMode: String, Sendable, CaseIterable, Codable {
    /// Batches of players in queue order.
    case fifo
    /// Matches of close skill ratings, the window around each waiting ticket widening with its wait.
    case skill
}

/// The queue's rules, shared by the ticket service (gateway side) and the matchmaker's workers: both must agree on
/// the key prefix, the mode and the team size.
public struct MatchmakingSettings: Sendable, Equatable {
    /// Prefix of every Redis key (`mm:`).
    public var keyPrefix: String
    /// Players per team; a match has two teams.
    public var teamSize: Int
    /// How matches are formed.
    public var mode: MatchmakingMode
    /// Skill mode: the acceptable MMR distance around a waiting ticket, by how long it has waited.
    public var skillWindows: SkillWindowSchedule
    /// Seconds a ticket may wait before the server gives it up (`timed_out`).
    public var ticketTimeout: Double
    /// Regions tickets may queue in; empty accepts any region.
    public var regions: Set<String>
    /// Seconds a resolved ticket (and a recorded match) stays readable.
    public var resultTTL: Int
    /// Most matches one script call forms (per region), 1 to 65,535.
    public var maxMatchesPerCall: Int
    /// Approximate length the ticket event stream is trimmed to.
    public var eventStreamLength: Int

    /// Settings; the defaults are a 5v5 FIFO queue with a 60 s timeout.
    public init(
        keyPrefix: String = "mm:",
        teamSize: Int = 5,
        mode: MatchmakingMode = .fifo,
        skillWindows: SkillWindowSchedule = .standard,
        ticketTimeout: Double = 60,
        regions: Set<String> = [],
        resultTTL: Int = 600,
        maxMatchesPerCall: Int = 50,
        eventStreamLength: Int = 100_000
    ) {
        self.keyPrefix = keyPrefix
        self.teamSize = max(1, teamSize)
        self.mode = mode
        self.skillWindows = skillWindows
        self.ticketTimeout = ticketTimeout
        self.regions = regions
        self.resultTTL = max(1, resultTTL)
        self.maxMatchesPerCall = min(max(1, maxMatchesPerCall), 65_535)
        self.eventStreamLength = max(1000, eventStreamLength)
    }

    /// Players per match: two teams.
    public var matchSize: Int { teamSize * 2 }

    /// The reason given to timed-out tickets, e.g. `no match within 60s`.
    public var timeoutReason: String {
        let whole = ticketTimeout.rounded()
        let text = whole == ticketTimeout ? String(Int(whole)) : String(ticketTimeout)
        return "no match within \(text)s"
    }
}
