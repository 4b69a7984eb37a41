import RedisClient

/// Reclaim: tickets taken for a match (`allocating`) longer ago than the lease — their matchmaker died, or lost
/// Redis, between taking them and assigning or requeueing them — go back to the front of their queue as
/// `searching`, the longest-held first (FIFO; skill pools keep their order by MMR). Without it such tickets would
/// wait forever: no timeout applies to a ticket being allocated. Replies with the number of tickets reclaimed.
/// Arguments from `ARGV[5]`: lease (seconds), mode, most matches per call.
///
/// A late assign or requeue by the first matchmaker then finds the ticket no longer `allocating` for its match and
/// leaves it alone, so a ticket is never in two matches.
enum ReclaimScript {
    static let script = ScriptPrelude.script(#"""
    local span, mode, limit = tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7])
    local mids = redis.call('ZRANGEBYSCORE', P .. 'allocating', '-inf', NOW - span, 'LIMIT', 0, limit)
    local n = 0
    for k = #mids, 1, -1 do
      local mid = mids[k]
      local ids = redis.call('LRANGE', P .. 'a:' .. mid, 0, -1)
      for j = #ids, 1, -1 do n = n + putBackIfHeld(ids[j], mid, mode) end
      release(mid)
    end
    count('reclaimed', n)
    return n
    """#)
}
