import RedisClient

/// Assign: marks every ticket of a match still `allocating` for it as `matched` with its server, releases the
/// players, emits events. Replies with the number of tickets matched.
/// Arguments from `ARGV[5]`: match id, url, game id, then the ticket ids.
enum AssignScript {
    static let script = ScriptPrelude.script(#"""
    local mid, url, gid = ARGV[5], ARGV[6], ARGV[7]
    local n = 0
    for i = 8, #ARGV do
      local id = ARGV[i]
      local key = P .. 't:' .. id
      local v = redis.call('HMGET', key, 'status', 'matchId', 'players')
      if v[1] == 'allocating' and v[2] == mid then
        redis.call('HSET', key, 'url', url, 'gameId', gid)
        redis.call('ZREM', P .. 'allocating', id)
        resolve(id, 'matched', false, v[3], {mid, url, gid})
        n = n + 1
      end
    end
    if n > 0 then redis.call('HINCRBY', P .. 'stats', 'matches', 1) end
    return n
    """#)
}
