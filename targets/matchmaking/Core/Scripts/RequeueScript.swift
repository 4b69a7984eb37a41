import RedisClient

/// Requeue: puts tickets whose allocation failed back at the front of their queue, as `searching`, in the order
/// given, and releases their matches' leases (FIFO: the first given ends up first; skill: the pools are ordered by MMR and creation time, kept).
/// Replies with the number requeued. Arguments from `ARGV[5]`: mode, then groups `matchId count id...`.
enum RequeueScript {
    static let script = ScriptPrelude.script(#"""
    local mode = ARGV[5]
    local items = {}
    local i = 6
    while i <= #ARGV do
      local mid, size = ARGV[i], tonumber(ARGV[i + 1])
      for j = 1, size do items[#items + 1] = {ARGV[i + 1 + j], mid} end
      release(mid)
      i = i + 2 + size
    end
    local n = 0
    for k = #items, 1, -1 do n = n + putBackIfHeld(items[k][1], items[k][2], mode) end
    count('requeued', n)
    return n
    """#)
}
