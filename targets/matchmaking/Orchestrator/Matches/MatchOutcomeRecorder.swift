import Foundation
import Logging
import MatchmakingCore
import RedisClient

/// Writes how a match ended into its Redis hash, next to what the matchmaker recorded (players, url):
/// `HSET {prefix}match:{id} status ended|failed reason R endedAt UNIX [result JSON]`, and an expiry if the hash
/// had none.
struct MatchOutcomeRecorder: Sendable {
    let redis: RedisClient?
    let keyPrefix: String
    let resultTTL: Int
    let logger: Logger

    /// Records `state` (ended or failed) for `matchId`; failures are logged, not thrown.
    func record(_ matchId: String, _ state: MatchState) async {
        guard let redis else { return }
        let key = RecordingAllocator.key(prefix: keyPrefix, matchId: matchId)
        var fields = ["status", state.name, "endedAt", String(format: "%.3f", Date().timeIntervalSince1970)]
        switch state {
        case .ended(let result): fields += ["reason", result.reason.rawValue, "result", result.json]
        case .failed(let reason): fields += ["reason", reason]
        case .provisioning, .running: return
        }
        do {
            let replies = try await redis.pipeline([["HSET", key] + fields, ["EXPIRE", key, String(resultTTL), "NX"]])
            if let message = replies.compactMap(\.errorMessage).first {
                logger.warning("match outcome not recorded", metadata: ["match": "\(matchId)", "error": "\(message)"])
            }
        } catch {
            logger.warning("match outcome not recorded", metadata: ["match": "\(matchId)", "error": "\(error)"])
        }
    }
}
