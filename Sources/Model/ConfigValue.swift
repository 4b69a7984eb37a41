/// A YAML value given to an adapter (a setting or an action parameter), with its place in the file.
public indirect enum ConfigValue: Sendable, Equatable {
    /// A quoted (or block) scalar as written: always text (templates not yet expanded).
    case scalar(String, SourceLocation)
    /// An unquoted scalar as written: a number, `true`/`false` or text, depending on how it reads.
    case plain(String, SourceLocation)
    /// A duration parameter, read into seconds by the validator (from the adapter's declared type).
    case seconds(Double, SourceLocation)
    /// A distribution parameter, read by the validator (from the adapter's declared type).
    case distribution(DistributionSpec, SourceLocation)
    /// A list.
    case list([ConfigValue], SourceLocation)
    /// A mapping, keys in written order.
    case map([(key: String, value: ConfigValue)], SourceLocation)
    /// `null` or `~`.
    case null(SourceLocation)

    /// Where the value is.
    public var location: SourceLocation {
        switch self {
        case .scalar(_, let location), .plain(_, let location), .seconds(_, let location), .distribution(_, let location),
             .list(_, let location), .map(_, let location), .null(let location):
            location
        }
    }

    /// The scalar text, if it is a scalar (quoted or not).
    public var scalar: String? {
        switch self {
        case .scalar(let text, _), .plain(let text, _): text
        default: nil
        }
    }

    /// The distribution, if the validator read the value as one.
    public var distribution: DistributionSpec? {
        if case .distribution(let spec, _) = self { return spec }
        return nil
    }

    /// The seconds, if the validator read the value as a duration.
    public var seconds: Double? {
        if case .seconds(let seconds, _) = self { return seconds }
        return nil
    }

    /// Compares values and places.
    public static func == (lhs: ConfigValue, rhs: ConfigValue) -> Bool {
        switch (lhs, rhs) {
        case let (.scalar(a, la), .scalar(b, lb)), let (.plain(a, la), .plain(b, lb)): a == b && la == lb
        case let (.seconds(a, la), .seconds(b, lb)): a == b && la == lb
        case let (.distribution(a, la), .distribution(b, lb)): a == b && la == lb
        case let (.list(a, la), .list(b, lb)): a == b && la == lb
        case let (.map(a, la), .map(b, lb)):
            la == lb && a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.null(la), .null(lb)): la == lb
        default: false
        }
    }
}
