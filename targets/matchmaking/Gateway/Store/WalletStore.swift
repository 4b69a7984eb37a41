import Foundation
import RedisClient

/// Wallets in Redis: `wallet:{player}:balance` (an integer), `wallet:{player}:items` (hash offer id → count) and
/// `wallet:{player}:purchase:{idempotency key}` (a purchase's record, kept ``GatewaySettings/idempotencyTTL``).
struct WalletStore: Sendable {
    /// What a purchase came to.
    enum PurchaseOutcome: Sendable, Equatable {
        /// Charged now (or, `replayed`, earlier under the same idempotency key).
        case purchased(PurchaseReceipt, replayed: Bool)
        /// The balance is below the price: nothing charged.
        case insufficientFunds(balance: Int)
    }

    /// A completed purchase.
    struct PurchaseReceipt: Codable, Sendable, Equatable {
        /// Its identifier.
        var purchaseId: String
        /// The offer bought.
        var offerId: String
        /// What it cost.
        var price: Int
        /// The balance right after it.
        var balance: Int
    }

    /// A player's wallet.
    struct Wallet: Codable, Sendable, Equatable {
        /// The player.
        var id: String
        /// The balance.
        var balance: Int
        /// Owned items: offer id → count.
        var items: [String: Int]
    }

    let redis: RedisClient
    let startingBalance: Int
    let idempotencyTTL: Int

    /// The command giving `player` the starting balance unless they have a wallet already.
    func setupCommand(for player: String) -> [String] {
        ["SET", Self.balanceKey(player), String(startingBalance), "NX"]
    }

    /// Buys `offer` for `player`: at most once per `idempotencyKey`, never below a zero balance.
    func purchase(_ offer: Offer, for player: String, idempotencyKey: String?) async throws -> PurchaseOutcome {
        var keys = [Self.balanceKey(player), "wallet:{\(player)}:items"]
        if let idempotencyKey { keys.append("wallet:{\(player)}:purchase:\(idempotencyKey)") }
        let reply = try await redis.evaluate(
            PurchaseScript.script, keys: keys,
            arguments: [offer.id, String(offer.price), String(startingBalance), UUID().uuidString.lowercased(), String(idempotencyTTL)]
        )
        guard let parts = reply.array, parts.count == 2, let kind = parts[0].string, let payload = parts[1].string else {
            throw RedisError(kind: .invalidReply, message: "purchase script answered \(reply)")
        }
        if kind == "insufficient" { return .insufficientFunds(balance: Int(payload) ?? 0) }
        let fields = payload.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 4, let price = Int(fields[2]), let balance = Int(fields[3]) else {
            throw RedisError(kind: .invalidReply, message: "purchase script answered \(reply)")
        }
        let receipt = PurchaseReceipt(purchaseId: String(fields[0]), offerId: String(fields[1]), price: price, balance: balance)
        return .purchased(receipt, replayed: kind == "replayed")
    }

    /// The wallet of `player` (the starting balance if they never bought anything).
    func wallet(of player: String) async throws -> Wallet {
        let replies = try await redis.pipeline([["GET", Self.balanceKey(player)], ["HGETALL", "wallet:{\(player)}:items"]])
        if let message = replies.lazy.compactMap(\.errorMessage).first { throw RedisError(kind: .server, message: message) }
        var items: [String: Int] = [:]
        let flat = replies[1].array ?? []
        for index in stride(from: 0, to: flat.count - 1, by: 2) {
            if let offer = flat[index].string, let count = flat[index + 1].int { items[offer] = count }
        }
        return Wallet(id: player, balance: replies[0].int ?? startingBalance, items: items)
    }

    private static func balanceKey(_ player: String) -> String { "wallet:{\(player)}:balance" }
}
