import RedisClient

/// The Lua shared by every matchmaking script: the common arguments and helpers.
///
/// Every script takes `ARGV[1]` key prefix, `ARGV[2]` event stream length, `ARGV[3]` now (Unix seconds), `ARGV[4]`
/// result TTL (seconds); its own arguments follow from `ARGV[5]`. Keys are derived from the prefix inside the
/// scripts (a standalone Redis, not a cluster):
/// - `t:{id}` ticket hash (`id players mmr region status createdAt size [resolvedAt matchId url gameId reason]`,
///   players joined by U+001F; status `searching`, `allocating`, `matched`, `cancelled`, `timed_out`);
/// - `p:{player}` the player's active ticket id;
/// - `q:{region}` FIFO queue (list); `s:{region}` skill pool (sorted set by MMR);
/// - `e:{region}` waiting tickets by creation time (sorted set, both modes): timeouts and the skill anchors;
/// - `allocating` matches being allocated, by when their tickets were taken (sorted set), and `a:{match}` their
///   ticket ids (list): ``ReclaimScript``'s lease, one entry per match rather than per ticket;
/// - `regions` (set), `stats` (hash of counters), `events` (stream of tickets becoming final: `t` ticket ids joined
///   by U+001F — a whole match, or the tickets one expiry timed out, is one entry —, `s` status, `at` time, and `r`
///   reason or `m` match, `u` URL, `g` game id: see ``TicketEvent``).
enum ScriptPrelude {
    static let lua = #"""
    local P = ARGV[1]
    local STREAMMAX = ARGV[2]
    local NOW = tonumber(ARGV[3])
    local TTL = ARGV[4]
    local FIELDS = {'id', 'players', 'mmr', 'region', 'status', 'createdAt', 'resolvedAt', 'matchId', 'url', 'gameId', 'reason'}
    local function split(s)
      local out = {}
      for part in string.gmatch(s, '[^\31]+') do out[#out + 1] = part end
      return out
    end
    -- Appends one event for the tickets `ids` (a list) becoming final `status`: with `reason`, or with `match`
    -- ({match id, url, game id}) for a whole match at once.
    local function emit(ids, status, reason, match)
      local t = table.concat(ids, '\31')
      if match then
        redis.call('XADD', P .. 'events', 'MAXLEN', '~', STREAMMAX, '*', 't', t, 's', status, 'at', ARGV[3],
          'm', match[1], 'u', match[2], 'g', match[3])
      else
        redis.call('XADD', P .. 'events', 'MAXLEN', '~', STREAMMAX, '*', 't', t, 's', status, 'at', ARGV[3], 'r', reason)
      end
    end
    -- Adds `n` to the `status` counter of the stats hash.
    local function count(status, n)
      if n > 0 then redis.call('HINCRBY', P .. 'stats', status, n) end
    end
    local function fetch(id)
      return redis.call('HMGET', P .. 't:' .. id, unpack(FIELDS))
    end
    -- The id of a call's `n`th match: the call's random base (28 hex digits) and `n` in 4 hex digits, so that a
    -- call need not be sent one fresh id per match it might form.
    local function matchId(base, n)
      return base .. string.format('%04x', n)
    end
    -- Takes ticket `id` (fields `v` as the match scripts read them) for match `mid` on `team`: marks it
    -- allocating, removes it from the waiting set `ek`, and appends `id, team, players, mmr, size` to `out`. The
    -- match script then calls `lease` once for the match.
    local function take(out, id, team, v, mid, ek)
      redis.call('HSET', P .. 't:' .. id, 'status', 'allocating', 'matchId', mid)
      redis.call('ZREM', ek, id)
      out[#out + 1] = id
      out[#out + 1] = team
      out[#out + 1] = v[3]
      out[#out + 1] = v[4]
      out[#out + 1] = v[5]
    end
    -- Starts match `mid`'s allocation lease: the match in `allocating` since now, its ticket `ids` in `a:{mid}`.
    local function lease(mid, ids)
      redis.call('ZADD', P .. 'allocating', NOW, mid)
      redis.call('RPUSH', P .. 'a:' .. mid, unpack(ids))
    end
    -- Ends match `mid`'s allocation lease (assigned, requeued or reclaimed).
    local function release(mid)
      redis.call('ZREM', P .. 'allocating', mid)
      redis.call('DEL', P .. 'a:' .. mid)
    end
    -- Puts ticket `id` (hash `key`) back as searching: at the front of its FIFO queue, or in its skill pool by
    -- `mmr`, and among the waiting tickets since `createdAt`. Its match's lease is the caller's to release.
    local function putBack(id, key, region, mmr, createdAt, mode)
      redis.call('HSET', key, 'status', 'searching')
      redis.call('HDEL', key, 'matchId')
      if mode == 'skill' then
        redis.call('ZADD', P .. 's:' .. region, mmr, id)
      else
        redis.call('LPUSH', P .. 'q:' .. region, id)
      end
      redis.call('ZADD', P .. 'e:' .. region, createdAt, id)
    end
    -- Puts ticket `id` back (see `putBack`) if it is still `allocating` for match `mid`; returns 1 if it was, else 0
    -- (a late requeue or reclaim leaves a ticket that has moved on alone).
    local function putBackIfHeld(id, mid, mode)
      local key = P .. 't:' .. id
      local v = redis.call('HMGET', key, 'status', 'matchId', 'region', 'mmr', 'createdAt')
      if v[1] == 'allocating' and v[2] == mid then
        putBack(id, key, v[3], v[4], v[5], mode)
        return 1
      end
      return 0
    end
    local function dequeue(id, region)
      redis.call('LREM', P .. 'q:' .. region, 1, id)
      redis.call('ZREM', P .. 's:' .. region, id)
      redis.call('ZREM', P .. 'e:' .. region, id)
    end
    -- Makes ticket `id` final: `status` since now, plus the `extra` fields (names and values), releases its
    -- `players` and lets the hash expire after the result TTL. The caller counts it and emits its event.
    local function resolve(id, status, players, extra)
      local key = P .. 't:' .. id
      redis.call('HSET', key, 'status', status, 'resolvedAt', ARGV[3], unpack(extra))
      for _, player in ipairs(split(players)) do
        local pk = P .. 'p:' .. player
        if redis.call('GET', pk) == id then redis.call('DEL', pk) end
      end
      redis.call('EXPIRE', key, TTL)
    end

    """#

    /// A script: the prelude followed by `body`.
    static func script(_ body: String) -> RedisScript {
        RedisScript(lua + body)
    }
}
