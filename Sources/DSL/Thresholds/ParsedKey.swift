/// A threshold key split into its metric and tag filters, with the offset of each part.
struct ParsedKey: Sendable, Equatable {
    /// One `key:value` filter.
    struct Tag: Sendable, Equatable {
        /// The tag key.
        var key: String
        /// Offset of the key's first character.
        var keyOffset: Int
        /// The value, without quotes.
        var value: String
        /// Offset of the value's first character (after any quote).
        var valueOffset: Int
    }

    /// The metric name.
    var metric: String
    /// Offset of the metric name's first character.
    var metricOffset: Int
    /// The tag filters in written order (only the well-formed ones).
    var tags: [Tag]
}
