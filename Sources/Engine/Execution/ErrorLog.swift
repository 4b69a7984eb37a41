import Synchronization

/// The first message of each kind of error per action, so the summary can say what went wrong, not only how often.
public final class ErrorLog: Sendable {
    /// One kind of error of one action.
    public struct Entry: Sendable, Equatable {
        /// `target.action`.
        public var action: String
        /// The error kind.
        public var kind: String
        /// The first message seen.
        public var message: String
        /// How many times it happened.
        public var count: Int
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// An empty log.
    public init() {}

    func note(action: RunnableAction, kind: String, message: String) {
        let name = action.qualifiedName
        entries.withLock { entries in
            let key = name + "\u{0}" + kind
            if entries[key] != nil {
                entries[key]?.count += 1
            } else if entries.count < 1000 {
                entries[key] = Entry(action: name, kind: kind, message: message, count: 1)
            }
        }
    }

    /// Every entry, most frequent first.
    public var all: [Entry] {
        entries.withLock { Array($0.values) }.sorted { ($0.count, $1.action, $1.kind) > ($1.count, $0.action, $0.kind) }
    }
}
