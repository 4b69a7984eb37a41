import Foundation

/// Why a match ended.
public enum MatchEndReason: String, Sendable, Codable, Equatable {
    /// The match ran for its whole duration.
    case completed
    /// Nobody joined in time, or every joined player left.
    case abandoned
    /// The server was asked to stop (SIGTERM, SIGINT, graceful shutdown).
    case terminated
}

/// What a finished match reports: `{"matchId","reason","players","ticks","durationSeconds"}`.
public struct MatchResult: Sendable, Codable, Equatable {
    /// The match.
    public var matchId: String
    /// Why it ended.
    public var reason: MatchEndReason
    /// The players who joined, in joining order.
    public var players: [String]
    /// State broadcasts sent.
    public var ticks: Int
    /// Seconds from the match's start (every player joined, or the join timeout passed) — or from the server's
    /// start if it never started — to the end.
    public var durationSeconds: Double

    /// A result.
    public init(matchId: String, reason: MatchEndReason, players: [String], ticks: Int, durationSeconds: Double) {
        self.matchId = matchId
        self.reason = reason
        self.players = players
        self.ticks = ticks
        self.durationSeconds = durationSeconds
    }

    /// The result as one line of JSON (sorted keys, no newline).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
