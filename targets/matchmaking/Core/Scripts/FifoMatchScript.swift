import RedisClient

/// FIFO matching in one region: reads the head of the queue (`window` tickets) and forms up to `maxMatches` matches
/// in queue order, each exactly two full teams; a party goes whole into one team, and a ticket that fits neither
/// team waits for the next match. Taken tickets become `allocating` with their match id; the untouched ones stay at
/// the head in order. Replies, per match: `matchId, count`, then per ticket `id, team (1|2), mmr, createdAt,
/// players`. Arguments from `ARGV[5]`: region, team size, max matches, window, match id base (see ``ScriptPrelude``'s `matchId`).
enum FifoMatchScript {
    static let script = ScriptPrelude.script(#"""
    local region, team = ARGV[5], tonumber(ARGV[6])
    local maxm, window = tonumber(ARGV[7]), tonumber(ARGV[8])
    local qk, ek = P .. 'q:' .. region, P .. 'e:' .. region
    local ids = redis.call('LRANGE', qk, 0, window - 1)
    local n = #ids
    if n == 0 then return {} end
    local used, info = {}, {}
    local stale = false
    for i, id in ipairs(ids) do
      local v = redis.call('HMGET', P .. 't:' .. id, 'status', 'size', 'mmr', 'createdAt', 'players')
      if v[1] == 'searching' then
        v[2] = tonumber(v[2])
        info[i] = v
      else
        used[i] = true
        stale = true
      end
    end
    local out, formed, start = {}, 0, 1
    while formed < maxm do
      while start <= n and used[start] do start = start + 1 end
      if start > n then break end
      local fill1, fill2, pick = 0, 0, {}
      for i = start, n do
        if not used[i] then
          local size = info[i][2]
          if fill1 + size <= team then
            fill1 = fill1 + size
            pick[#pick + 1] = {i, 1}
          elseif fill2 + size <= team then
            fill2 = fill2 + size
            pick[#pick + 1] = {i, 2}
          end
          if fill1 == team and fill2 == team then break end
        end
      end
      if fill1 ~= team or fill2 ~= team then break end
      formed = formed + 1
      local mid = matchId(ARGV[9], formed)
      out[#out + 1] = mid
      out[#out + 1] = #pick
      local leased = {}
      for _, entry in ipairs(pick) do
        local i = entry[1]
        used[i] = true
        take(out, ids[i], entry[2], info[i], mid, ek)
        leased[#leased + 1] = ids[i]
      end
      lease(mid, leased)
    end
    if formed > 0 or stale then
      redis.call('LTRIM', qk, n, -1)
      for i = n, 1, -1 do
        if not used[i] then redis.call('LPUSH', qk, ids[i]) end
      end
    end
    return out
    """#)
}
