import RedisClient

/// Skill matching in one region: takes the oldest waiting tickets in turn as anchors; each anchor's acceptable MMR
/// window comes from its wait on the schedule; the tickets nearest in MMR inside the window join it, a party whole
/// on one team, each ticket on the team with the lower rating sum that has room. A match is formed only with two
/// full teams; up to `maxMatches` per call. Taken tickets become `allocating`. Replies like ``FifoMatchScript``.
/// Arguments from `ARGV[5]`: region, team size, max matches, anchors to try, schedule (`after width` pairs, width
/// -1 for any), match id base (see ``ScriptPrelude``'s `matchId`).
enum SkillMatchScript {
    static let script = ScriptPrelude.script(#"""
    local region, team = ARGV[5], tonumber(ARGV[6])
    local maxm, anchors = tonumber(ARGV[7]), tonumber(ARGV[8])
    local sk, ek = P .. 's:' .. region, P .. 'e:' .. region
    local sched = {}
    local nums = {}
    for word in string.gmatch(ARGV[9], '%S+') do nums[#nums + 1] = tonumber(word) end
    for i = 1, #nums, 2 do sched[#sched + 1] = {nums[i], nums[i + 1]} end
    local function width(wait)
      local w = -1
      if #sched > 0 then w = sched[1][2] end
      for _, step in ipairs(sched) do
        if wait >= step[1] then w = step[2] end
      end
      return w
    end
    local limit = team * 6
    local olds = redis.call('ZRANGE', ek, 0, anchors - 1, 'WITHSCORES')
    local taken = {}
    local out, formed = {}, 0
    for j = 1, #olds, 2 do
      if formed >= maxm then break end
      local aid = olds[j]
      if not taken[aid] then
        local av = redis.call('HMGET', P .. 't:' .. aid, 'status', 'size', 'mmr', 'createdAt', 'players')
        if av[1] ~= 'searching' then
          redis.call('ZREM', ek, aid)
          redis.call('ZREM', sk, aid)
        else
          local mmr = tonumber(av[3])
          local w = width(NOW - tonumber(olds[j + 1]))
          local lo, hi = '-inf', '+inf'
          if w >= 0 then lo, hi = mmr - w, mmr + w end
          local up = redis.call('ZRANGEBYSCORE', sk, mmr, hi, 'WITHSCORES', 'LIMIT', 0, limit)
          local down = redis.call('ZREVRANGEBYSCORE', sk, mmr, lo, 'WITHSCORES', 'LIMIT', 0, limit)
          local cands, seen = {}, {[aid] = true}
          local a, b = 1, 1
          while a <= #up or b <= #down do
            local pickUp
            if a > #up then pickUp = false
            elseif b > #down then pickUp = true
            else pickUp = (tonumber(up[a + 1]) - mmr) <= (mmr - tonumber(down[b + 1])) end
            local id
            if pickUp then id = up[a]; a = a + 2 else id = down[b]; b = b + 2 end
            if not seen[id] then
              seen[id] = true
              cands[#cands + 1] = id
            end
          end
          local fill, sum = {0, 0}, {0, 0}
          local pick = {}
          local function place(id, v)
            local size, r = tonumber(v[2]), tonumber(v[3])
            local first, second = 1, 2
            if sum[2] < sum[1] then first, second = 2, 1 end
            local t = nil
            if fill[first] + size <= team then t = first elseif fill[second] + size <= team then t = second end
            if t then
              fill[t] = fill[t] + size
              sum[t] = sum[t] + r * size
              pick[#pick + 1] = {id, t, v}
            end
          end
          place(aid, av)
          for _, id in ipairs(cands) do
            if fill[1] == team and fill[2] == team then break end
            local v = redis.call('HMGET', P .. 't:' .. id, 'status', 'size', 'mmr', 'createdAt', 'players')
            if v[1] == 'searching' then place(id, v) end
          end
          if fill[1] == team and fill[2] == team then
            formed = formed + 1
            local mid = matchId(ARGV[10], formed)
            out[#out + 1] = mid
            out[#out + 1] = #pick
            local leased = {}
            for _, entry in ipairs(pick) do
              taken[entry[1]] = true
              redis.call('ZREM', sk, entry[1])
              take(out, entry[1], entry[2], entry[3], mid, ek)
              leased[#leased + 1] = entry[1]
            end
            lease(mid, leased)
          end
        end
      end
    end
    return out
    """#)
}
