import RedisClient

/// The purchase, atomic and idempotent in one Lua script.
///
/// KEYS: balance, items (hash offer → count), and optionally the idempotency record.
/// ARGV: offer id, price, starting balance, new purchase id, record TTL in seconds.
/// Returns `{"replayed", record}` when the record exists (nothing charged again), `{"insufficient", balance}` when
/// the balance is below the price (nothing charged, nothing recorded), or `{"ok", record}` after charging, where a
/// record is `purchaseId|offerId|price|balanceAfter`. The balance never goes below zero.
enum PurchaseScript {
    static let script = RedisScript("""
    if KEYS[3] then
      local prior = redis.call('GET', KEYS[3])
      if prior then return {'replayed', prior} end
    end
    local balance = tonumber(redis.call('GET', KEYS[1]) or ARGV[3])
    local price = tonumber(ARGV[2])
    if balance < price then return {'insufficient', tostring(balance)} end
    balance = balance - price
    redis.call('SET', KEYS[1], string.format('%d', balance))
    redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
    local record = ARGV[4] .. '|' .. ARGV[1] .. '|' .. ARGV[2] .. '|' .. string.format('%d', balance)
    if KEYS[3] then redis.call('SET', KEYS[3], record, 'EX', ARGV[5]) end
    return {'ok', record}
    """)
}
