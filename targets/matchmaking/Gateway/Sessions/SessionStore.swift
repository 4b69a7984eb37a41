import Foundation
import RedisClient
import Synchronization

/// Session tokens in Redis: `session:{token}` holds `player` and the token's expiry, with a Redis TTL.
///
/// Tokens are 128 random bits from the system's secure generator, as 32 hex digits; every login makes a new one.
/// Lookups are cached in-process for at most ``cacheSeconds`` (bounded; cleared when full): a token revoked by a logout
/// on another gateway process stops working there within that time, at once on the process that revoked it.
final class SessionStore: Sendable {
    /// A token issued by ``create(for:)``.
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
    private let cache = Mutex<[String: (player: String, trustedUntil: Int)]>([:])
    private static let cacheLimit = 100_000
    /// How long a looked-up token is trusted without asking Redis again, in seconds.
    static let cacheSeconds = 5

    init(redis: RedisClient, ttl: Int) {
        self.redis = redis
        self.ttl = max(1, ttl)
    }

    /// A new session for `player`, also giving a new player a wallet (`walletSetup`, run in the same round trip).
    func create(for player: String, walletSetup: [String]) async throws -> Session {
        let token = Self.newToken()
        let expiresAt = Int(Date().timeIntervalSince1970) + ttl
        let replies = try await redis.pipeline([
            ["SET", Self.key(token), "\(expiresAt):\(player)", "EX", String(ttl)], walletSetup,
        ])
        if let message = replies.lazy.compactMap(\.errorMessage).first { throw RedisError(kind: .server, message: message) }
        return Session(token: token, player: player, expiresAt: expiresAt)
    }

    /// The player of `token`, or nil when it is unknown or expired.
    func player(for token: String) async throws -> String? {
        guard token.utf8.count == 32, token.utf8.allSatisfy(\.isHexDigit) else { return nil }
        let now = Int(Date().timeIntervalSince1970)
        if let cached = cache.withLock({ $0[token] }) {
            if cached.trustedUntil > now { return cached.player }
            _ = cache.withLock { $0.removeValue(forKey: token) }  // ask Redis again: it may have expired or been revoked
        }
        guard let value = try await redis.send(["GET", Self.key(token)]).string,
              let colon = value.firstIndex(of: ":"), let expiresAt = Int(value[..<colon]), expiresAt > now
        else { return nil }
        let player = String(value[value.index(after: colon)...])
        cache.withLock { cache in
            if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[token] = (player, min(expiresAt, now + Self.cacheSeconds))
        }
        return player
    }

    /// Ends the session of `token` (logout): it is deleted from Redis and from this process's cache.
    func revoke(_ token: String) async throws {
        _ = cache.withLock { $0.removeValue(forKey: token) }
        guard token.utf8.count == 32, token.utf8.allSatisfy(\.isHexDigit) else { return }
        _ = try await redis.send(["DEL", Self.key(token)])
    }

    private static func key(_ token: String) -> String { "session:\(token)" }

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

extension UInt8 {
    /// Whether the byte is an ASCII hex digit.
    fileprivate var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x61...0x66).contains(self) || (0x41...0x46).contains(self)
    }
}
