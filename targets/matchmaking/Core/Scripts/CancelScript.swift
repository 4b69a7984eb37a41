import RedisClient

/// Cancel: only the owner (first player) may cancel, and only a `searching` ticket (not one taken for allocation).
/// Replies `{'unknown'}`, `{'owner'}`, `{'state', status}` or `{'ok', fields}` (the ticket's fields after cancelling).
/// Arguments from `ARGV[5]`: id, player, reason.
enum CancelScript {
    static let script = ScriptPrelude.script(#"""
    local id, player, reason = ARGV[5], ARGV[6], ARGV[7]
    local v = redis.call('HMGET', P .. 't:' .. id, 'status', 'players', 'region')
    if not v[1] then return {'unknown'} end
    local players = v[2]
    if split(players)[1] ~= player then return {'owner'} end
    if v[1] ~= 'searching' then return {'state', v[1]} end
    dequeue(id, v[3])
    resolve(id, 'cancelled', players, {'reason', reason})
    count('cancelled', 1)
    emit({id}, 'cancelled', reason)
    return {'ok', fetch(id)}
    """#)
}
