import RedisClient

/// Reclaim: tickets taken for a match (`allocating`) longer ago than the lease — their matchmaker died, or lost
/// Redis, between taking them and assigning or requeueing them — go back to the front of their queue as
/// `searching`, the longest-held first (FIFO; skill pools keep their order by MMR). Without it such tickets would
/// wait forever: no timeout applies to a ticket being allocated. Replies with the number reclaimed.
/// Arguments from `ARGV[5]`: lease (seconds), mode, most tickets per call.
///
/// A late assign or requeue by the first matchmaker then finds the ticket no longer `allocating` for its match and
/// leaves it alone, so a ticket is never in two matches.
enum ReclaimScript {
    static let script = ScriptPrelude.script(#"""
    local lease, mode, limit = tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7])
    local ak = P .. 'allocating'
    local ids = redis.call('ZRANGEBYSCORE', ak, '-inf', NOW - lease, 'LIMIT', 0, limit)
    local n = 0
    for k = #ids, 1, -1 do
      local id = ids[k]
      local key = P .. 't:' .. id
      local v = redis.call('HMGET', key, 'status', 'region', 'mmr', 'createdAt')
      if v[1] == 'allocating' then
        putBack(id, key, v[2], v[3], v[4], mode)
        n = n + 1
      else
        redis.call('ZREM', ak, id)
      end
    end
    count('reclaimed', n)
    return n
    """#)
}
