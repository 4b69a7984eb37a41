/// A YAML value given to an adapter (a setting or an action parameter), with its place in the file.
public indirect enum ConfigValue: Sendable, Equatable {
    /// A scalar as written (templates not yet expanded).
    case scalar(String, SourceLocation)
    /// A list.
    case list([ConfigValue], SourceLocation)
    /// A mapping, keys in written order.
    case map([(key: String, value: ConfigValue)], SourceLocation)
    /// `null` or `~`.
    case null(SourceLocation)

    /// Where the value is.
    public var location: SourceLocation {
        switch self {
        case .scalar(_, let location), .list(_, let location), .map(_, let location), .null(let location):
            location
        }
    }

    /// The scalar text, if it is a scalar.
    public var scalar: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    /// Compares values and places.
    public static func == (lhs: ConfigValue, rhs: ConfigValue) -> Bool {
        switch (lhs, rhs) {
        case let (.scalar(a, la), .scalar(b, lb)): a == b && la == lb
        case let (.list(a, la), .list(b, lb)): a == b && la == lb
        case let (.map(a, la), .map(b, lb)):
            la == lb && a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.null(la), .null(lb)): la == lb
        default: false
        }
    }
}
