import StampedeMetrics
import Synchronization

/// The tag sets of an action's samples for each set of tags its outcomes carried (an HTTP status and method, say),
/// made once and reused: recording an action then merges and sorts no tags.
///
/// Outcome tags of high cardinality (a tag per URL, per id) stop being cached after ``limit`` distinct sets; the tag
/// sets of further ones are made per sample.
final class OutcomeTagCache: Sendable {
    /// The tag sets of one outcome's samples.
    struct Entry: Sendable {
        /// Action tags merged with the outcome's tags.
        let base: TagSet
        /// `base` plus `outcome:ok`.
        let ok: TagSet
        /// `base` plus `outcome:error`.
        let error: TagSet

        /// The tag sets of `tags` on top of `actionTags`.
        init(actionTags: TagSet, outcomeTags: [String: String]) {
            base = actionTags.merging(outcomeTags)
            ok = base.adding("outcome", "ok")
            error = base.adding("outcome", "error")
        }
    }

    /// The most distinct outcome tag sets kept.
    static let limit = 1024

    /// The action's tags for one load.
    let actionTags: TagSet
    private let entries = Mutex<[[String: String]: Entry]>([:])

    /// A cache for an action whose base tags (for one load) are `actionTags`.
    init(actionTags: TagSet) {
        self.actionTags = actionTags
    }

    /// The tag sets for an outcome carrying `tags` (not empty).
    func entry(for tags: [String: String]) -> Entry {
        if let entry = entries.withLock({ $0[tags] }) { return entry }
        let entry = Entry(actionTags: actionTags, outcomeTags: tags)
        entries.withLock { entries in
            if entries.count < Self.limit { entries[tags] = entry }
        }
        return entry
    }
}
