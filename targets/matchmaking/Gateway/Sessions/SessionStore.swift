import Foundation
import MatchmakingCore
import RedisClient

/// Session tokens in Redis: `session:{token}` holds `player` and the token's expiry, with a Redis TTL (the format is
/// ``SessionLookup``'s, shared with the other services that check tokens).
///
/// Tokens are 128 random bits from the system's secure generator, as 32 hex digits; every login makes a new one.
/// Lookups are cached in-process for at most ``cacheSeconds`` (bounded; cleared when full): a token revoked by a logout
/// on another gateway process stops working there within that time, at once on the process that revoked it.
final class SessionStore: Sendable {
    /// A token issued by ``create(for:walletSetup:)``.
    struct Session: Sendable {
        /// The token.
        let token: String
        /// Its player.
        let player: String
        /// When it expires, Unix time in seconds.
        let expiresAt: Int
    }

    private let redis: RedisClient
    private let ttl: Int
    private let lookup: SessionLookup
    /// How long a looked-up token is trusted without asking Redis again, in seconds.
    static let cacheSeconds = SessionLookup.defaultCacheSeconds

    init(redis: RedisClient, ttl: Int) {
        self.redis = redis
        self.ttl = max(1, ttl)
        lookup = SessionLookup(redis: redis, cacheSeconds: Self.cacheSeconds)
    }

    /// A new session for `player`, also giving a new player a wallet (`walletSetup`, run in the same round trip).
    func create(for player: String, walletSetup: [String]) async throws -> Session {
        let token = Self.newToken()
        let expiresAt = Int(Date().timeIntervalSince1970) + ttl
        let replies = try await redis.pipeline([
            ["SET", SessionLookup.key(for: token), SessionLookup.value(player: player, expiresAt: expiresAt), "EX", String(ttl)],
            walletSetup,
        ])
        if let message = replies.lazy.compactMap(\.errorMessage).first { throw RedisError(kind: .server, message: message) }
        return Session(token: token, player: player, expiresAt: expiresAt)
    }

    /// The player of `token`, or nil when it is unknown or expired.
    func player(for token: String) async throws -> String? {
        try await lookup.player(for: token)
    }

    /// Ends the session of `token` (logout): it is deleted from Redis and from this process's cache.
    func revoke(_ token: String) async throws {
        lookup.forget(token)
        guard SessionLookup.isWellFormed(token) else { return }
        _ = try await redis.send(["DEL", SessionLookup.key(for: token)])
    }

    private static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        for _ in 0..<2 {
            let word = generator.next() as UInt64
            for shift in stride(from: 60, through: 0, by: -4) { bytes.append(digits[Int((word >> UInt64(shift)) & 0xF)]) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
