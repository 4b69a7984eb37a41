import StampedeModel

/// Typed reads of already-validated nodes. Each returns `nil` when the value is missing or malformed: the
/// ``ShapeValidator`` has reported that problem, so the decoder only skips it.
extension YAMLNode {
    /// The text of a scalar (`null` written out counts as the word, since the `null` adapter is called so).
    var text: String? {
        guard let scalar, !scalar.text.isEmpty, scalar.text != "~" || !scalar.isPlain else { return nil }
        return scalar.text
    }

    /// A duration in seconds.
    var seconds: Double? { text.flatMap { try? Units.duration($0).get() } }
    /// A rate per second.
    var perSecond: Double? { text.flatMap { try? Units.rate($0).get() } }
    /// A non-negative count.
    var count: Double? { text.flatMap { try? Units.count($0).get() } }
    /// A probability in 0…1.
    var probability: Double? { text.flatMap { try? Units.probability($0).get() } }
    /// A number.
    var number: Double? { scalar?.number }
    /// A whole number.
    var integer: Int? { scalar?.integer }
    /// A boolean.
    var bool: Bool? { scalar?.bool }

    /// A value of a curve: a rate for rate curves, a count for player curves.
    func curveValue(_ quantity: CurveQuantity) -> Double? {
        quantity == .rate ? perSecond : count
    }

    /// The node as an adapter value.
    var configValue: ConfigValue {
        switch self {
        case .scalar(let scalar):
            scalar.isNull ? .null(scalar.location)
                : scalar.isPlain ? .plain(scalar.text, scalar.contentLocation) : .scalar(scalar.text, scalar.contentLocation)
        case .sequence(let items, let location):
            .list(items.map(\.configValue), location)
        case .mapping(let entries, let location):
            .map(entries.map { (key: $0.key, value: $0.value.configValue) }, location)
        }
    }
}
