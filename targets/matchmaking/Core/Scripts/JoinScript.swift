import RedisClient

/// Join: refuses if a player holds an active ticket (`{'queued', player, ticket}`), else creates the ticket,
/// claims its players, enqueues it and counts it (`{'ok'}`). Only final statuses have events.
/// Arguments from `ARGV[5]`: id, mmr, region, mode, players (joined by U+001F).
enum JoinScript {
    static let script = ScriptPrelude.script(#"""
    local id, mmr, region, mode, players = ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9]
    local list = split(players)
    for _, player in ipairs(list) do
      local held = redis.call('GET', P .. 'p:' .. player)
      if held then
        local status = redis.call('HGET', P .. 't:' .. held, 'status')
        if status == 'searching' or status == 'allocating' then return {'queued', player, held} end
      end
    end
    for _, player in ipairs(list) do redis.call('SET', P .. 'p:' .. player, id) end
    redis.call('HSET', P .. 't:' .. id, 'id', id, 'players', players, 'mmr', mmr, 'region', region,
      'status', 'searching', 'createdAt', ARGV[3], 'size', #list)
    if mode == 'skill' then
      redis.call('ZADD', P .. 's:' .. region, mmr, id)
    else
      redis.call('RPUSH', P .. 'q:' .. region, id)
    end
    redis.call('ZADD', P .. 'e:' .. region, ARGV[3], id)
    redis.call('SADD', P .. 'regions', region)
    count('created', 1)
    return {'ok'}
    """#)
}
