import RedisClient

/// Assign: marks every ticket of a match still `allocating` for it as `matched` with its server, releases the
/// players and the match's lease, emits one event for them all. Replies with the number of tickets matched.
/// Arguments from `ARGV[5]`: match id, url, game id, then the ticket ids.
enum AssignScript {
    static let script = ScriptPrelude.script(#"""
    local mid, url, gid = ARGV[5], ARGV[6], ARGV[7]
    local ids = {}
    for i = 8, #ARGV do
      local id = ARGV[i]
      local v = redis.call('HMGET', P .. 't:' .. id, 'status', 'matchId', 'players')
      if v[1] == 'allocating' and v[2] == mid then
        resolve(id, 'matched', v[3], {'url', url, 'gameId', gid})
        ids[#ids + 1] = id
      end
    end
    release(mid)
    if #ids > 0 then
      count('matched', #ids)
      count('matches', 1)
      emit(ids, 'matched', nil, {mid, url, gid})
    end
    return #ids
    """#)
}
