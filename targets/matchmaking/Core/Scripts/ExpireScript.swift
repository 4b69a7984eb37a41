import RedisClient

/// Expire: in every region, tickets waiting since before `now - timeout` become `timed_out` with the reason,
/// leave their queue and release their players. Replies `{{id, createdAt, ...}, {region, waiting, ...}}`: the
/// tickets timed out, then each region's number of waiting tickets.
/// Arguments from `ARGV[5]`: timeout (seconds), reason, most tickets per region.
enum ExpireScript {
    static let script = ScriptPrelude.script(#"""
    local timeout, reason, limit = tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7])
    local expired, sizes, timedOut = {}, {}, {}
    local regions = redis.call('SMEMBERS', P .. 'regions')
    for _, region in ipairs(regions) do
      local ek = P .. 'e:' .. region
      local ids = redis.call('ZRANGEBYSCORE', ek, '-inf', NOW - timeout, 'LIMIT', 0, limit)
      for _, id in ipairs(ids) do
        local v = redis.call('HMGET', P .. 't:' .. id, 'status', 'players', 'createdAt')
        if v[1] == 'searching' then
          dequeue(id, region)
          resolve(id, 'timed_out', v[2], {'reason', reason})
          timedOut[#timedOut + 1] = id
          expired[#expired + 1] = id
          expired[#expired + 1] = v[3]
        else
          redis.call('ZREM', ek, id)
        end
      end
      sizes[#sizes + 1] = region
      sizes[#sizes + 1] = redis.call('ZCARD', ek)
    end
    if #timedOut > 0 then
      count('timed_out', #timedOut)
      emit(timedOut, 'timed_out', reason)
    end
    return {expired, sizes}
    """#)
}
