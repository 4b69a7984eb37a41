import Synchronization

/// Counts received messages dropped because a connection's buffer was full, across every connection of a target.
final class DropCounter: Sendable {
    /// The count.
    private let dropped = Atomic<Int>(0)

    /// Counts one dropped message.
    func increment() {
        dropped.add(1, ordering: .relaxed)
    }

    /// The messages dropped so far.
    var value: Int { dropped.load(ordering: .relaxed) }
}
