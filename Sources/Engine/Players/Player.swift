import StampedePlan
import StampedePluginAPI
import Synchronization

/// A simulated player: a small object, not a thread. Its session — captured values, feeder rows, adapter
/// sessions, random stream — lives here; it is driven by the engine one run at a time.
///
/// Only the task running the player's current run touches its mutable state, so it is `@unchecked Sendable`.
final class Player: @unchecked Sendable {
    /// The player's number, unique within the run.
    let id: Int
    /// Index of its behaviour in the plan.
    let behaviour: Int
    /// Index of the load that created it.
    let load: Int
    /// Captured session variables.
    var variables: [String: String] = [:]
    /// The row of each feeder it was given.
    var feederRows: [String: Int] = [:]
    /// Runs completed.
    var iteration = 0
    /// Its seeded random stream.
    var rng: SeededRandom
    /// Adapter sessions by target index, made when first needed.
    var sessions: [(any PlayerSession)?]
    /// Set when the player should go offline after its current run.
    let leaving = Atomic<Bool>(false)

    init(id: Int, behaviour: Int, load: Int, targetCount: Int, rng: SeededRandom) {
        self.id = id
        self.behaviour = behaviour
        self.load = load
        self.rng = rng
        self.sessions = Array(repeating: nil, count: targetCount)
    }

    /// The player's session with target `index`, made on first use.
    func session(for index: Int, target: any ActionTarget, info: PlayerInfo) -> any PlayerSession {
        if let session = sessions[index] { return session }
        let session = target.makeSession(for: info)
        sessions[index] = session
        return session
    }

    /// Closes every adapter session it holds.
    func closeSessions() async {
        for index in sessions.indices {
            if let session = sessions[index] {
                await session.close()
                sessions[index] = nil
            }
        }
    }
}
