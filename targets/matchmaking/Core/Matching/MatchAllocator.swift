/// Finds a game server for a match. Called concurrently for many matches; a throw puts the match's tickets back
/// at the front of their queue.
public protocol MatchAllocator: Sendable {
    /// The server the match's players go to.
    func allocate(_ match: MatchProposal) async throws -> ServerAssignment
}
