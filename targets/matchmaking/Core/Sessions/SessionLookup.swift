import Foundation
import RedisClient
import Synchronization

/// The read side of the gateway's session tokens: which player a token belongs to.
///
/// The gateway writes a session as `session:{token}` (no key prefix) holding `"{expiresAt}:{player}"` (Unix seconds),
/// with a Redis TTL; ``key(for:)`` and ``value(player:expiresAt:)`` are that format, so every service reading or
/// writing sessions shares it. Tokens are 32 hex digits; anything else is unknown without asking Redis.
///
/// Lookups are cached in-process for at most ``cacheSeconds`` (never past the token's expiry; bounded, cleared when
/// full): a token revoked elsewhere stops working here within that time, at once after ``forget(_:)``.
public final class SessionLookup: Sendable {
    private let redis: RedisClient
    private let cacheSeconds: Int
    private let cache = Mutex<[String: (player: String, trustedUntil: Int)]>([:])
    private static let cacheLimit = 100_000
    /// How long a looked-up token is trusted without asking Redis again by default, in seconds.
    public static let defaultCacheSeconds = 5

    /// Looks sessions up on `redis`, trusting a looked-up token for `cacheSeconds` (0: ask Redis every time).
    public init(redis: RedisClient, cacheSeconds: Int = SessionLookup.defaultCacheSeconds) {
        self.redis = redis
        self.cacheSeconds = max(0, cacheSeconds)
    }

    /// The player of `token`, or nil when it is malformed, unknown or expired.
    /// - Throws: ``RedisError`` when Redis cannot be asked.
    public func player(for token: String) async throws -> String? {
        guard Self.isWellFormed(token) else { return nil }
        let now = Int(Date().timeIntervalSince1970)
        if let cached = cache.withLock({ $0[token] }) {
            if cached.trustedUntil > now { return cached.player }
            _ = cache.withLock { $0.removeValue(forKey: token) }  // ask Redis again: it may have expired or been revoked
        }
        guard let value = try await redis.send(["GET", Self.key(for: token)]).string,
              let (player, expiresAt) = Self.parse(value), expiresAt > now
        else { return nil }
        if cacheSeconds > 0 {
            cache.withLock { cache in
                if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[token] = (player, min(expiresAt, now + cacheSeconds))
            }
        }
        return player
    }

    /// Drops `token` from this process's cache (after a logout), so the next lookup asks Redis.
    public func forget(_ token: String) {
        _ = cache.withLock { $0.removeValue(forKey: token) }
    }

    /// The Redis key of `token`'s session: `session:{token}`.
    public static func key(for token: String) -> String { "session:\(token)" }

    /// The stored value of a session of `player` expiring at `expiresAt` (Unix seconds): `"{expiresAt}:{player}"`.
    public static func value(player: String, expiresAt: Int) -> String { "\(expiresAt):\(player)" }

    /// Whether `token` has the shape of a token: 32 ASCII hex digits.
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 32 && token.utf8.allSatisfy(\.isHexDigit)
    }

    /// The player and expiry of a stored session value, nil when it is not of that format.
    private static func parse(_ value: String) -> (player: String, expiresAt: Int)? {
        guard let colon = value.firstIndex(of: ":"), let expiresAt = Int(value[..<colon]) else { return nil }
        return (String(value[value.index(after: colon)...]), expiresAt)
    }
}

extension UInt8 {
    /// Whether the byte is an ASCII hex digit.
    fileprivate var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x61...0x66).contains(self) || (0x41...0x46).contains(self)
    }
}
