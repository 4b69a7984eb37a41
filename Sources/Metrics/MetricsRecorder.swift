import Synchronization

/// Where workers record measurements during a run, without serialising on one lock: the store is split into
/// shards, each behind its own lock, and a worker records into the shard chosen by its player (or task) number.
/// Reading merges the shards.
public final class MetricsRecorder: Sendable {
    private final class Shard: Sendable {
        let store = Mutex(MetricsStore())
    }

    private let shards: [Shard]

    /// A recorder with `shardCount` shards (at least 1).
    public init(shardCount: Int = 16) {
        shards = (0..<max(1, shardCount)).map { _ in Shard() }
    }

    /// Number of shards.
    public var shardCount: Int { shards.count }

    /// Records into the shard for `worker` (any integer: player number, task number).
    public func record(worker: Int, _ body: (inout MetricsStore) -> Void) {
        let index = Int(UInt(bitPattern: worker) % UInt(shards.count))
        shards[index].store.withLock { body(&$0) }
    }

    /// Every shard merged into one store.
    public func snapshot() -> MetricsStore {
        var merged = MetricsStore()
        for shard in shards {
            let copy = shard.store.withLock { $0 }
            merged.merge(copy)
        }
        return merged
    }
}
