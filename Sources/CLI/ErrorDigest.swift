import StampedeEngine

/// After the summary: what went wrong, in the adapters' own words (the most frequent kinds first).
enum ErrorDigest {
    static func print(_ errors: [ErrorLog.Entry], limit: Int = 8) {
        guard !errors.isEmpty else { return }
        Swift.print("\nErrors (first message of each kind):")
        for entry in errors.prefix(limit) {
            Swift.print("  \(entry.action) \(entry.kind) ×\(entry.count): \(entry.message)")
        }
        if errors.count > limit { Swift.print("  … and \(errors.count - limit) more kinds") }
    }
}
