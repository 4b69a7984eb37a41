import StampedeModel

/// A criterion split into aggregation, operator and bound, with the offset of each part.
struct ParsedCriterion: Sendable, Equatable {
    /// What is computed.
    var aggregation: Aggregation
    /// The aggregation as written: `p(95)`.
    var aggregationText: String
    /// Offset of the aggregation's first character.
    var aggregationOffset: Int
    /// The comparison.
    var comparison: Comparison
    /// The bound as written.
    var bound: ParsedBound
}

/// A bound as written: a number and an optional unit, not yet checked against the metric.
struct ParsedBound: Sendable, Equatable {
    /// What the unit says the number is.
    enum Unit: Sendable, Equatable {
        /// No unit.
        case none
        /// A duration; the value is in seconds.
        case duration
        /// `%`; the value is a fraction.
        case percent
        /// `/s`, `/min`, …; the value is per second.
        case perSecond
    }

    /// The whole bound as written: `200ms`.
    var text: String
    /// Offset of the bound's first character.
    var offset: Int
    /// The number as written, with its sign: `200`.
    var numberText: String
    /// The unit as written (empty when none): `ms`.
    var unitText: String
    /// Offset of the unit's first character.
    var unitOffset: Int
    /// What the unit says the number is.
    var unit: Unit
    /// The value in the unit's base: seconds, a fraction, per second, or the plain number.
    var value: Double
}
