/// A first-in first-out queue of received messages, bounded: past its capacity the oldest message is dropped.
struct MessageQueue {
    /// How many messages it holds at most.
    let capacity: Int
    /// Storage; the live messages are `items[head...]`.
    private var items: [String] = []
    /// The index of the oldest live message.
    private var head = 0

    /// An empty queue holding at most `capacity` messages.
    init(capacity: Int) {
        precondition(capacity > 0, "a message queue needs room for one message")
        self.capacity = capacity
    }

    /// Whether no message waits.
    var isEmpty: Bool { head == items.count }

    /// How many messages wait.
    var count: Int { items.count - head }

    /// Adds a message; returns `true` when the oldest one had to be dropped to make room.
    mutating func append(_ message: String) -> Bool {
        items.append(message)
        guard count > capacity else { return false }
        _ = popFirst()
        return true
    }

    /// Takes the oldest message.
    mutating func popFirst() -> String? {
        guard head < items.count else { return nil }
        let message = items[head]
        items[head] = ""
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64, head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        return message
    }
}
