/// A value given to an adapter (a setting or a parameter, templates already expanded) — JSON-like.
public indirect enum ActionValue: Sendable, Equatable {
    /// Text.
    case string(String)
    /// A number.
    case number(Double)
    /// A boolean.
    case bool(Bool)
    /// A list.
    case list([ActionValue])
    /// A mapping.
    case map([String: ActionValue])
    /// Nothing.
    case null

    /// The value as text: strings as they are, numbers and booleans as written.
    public var text: String? {
        switch self {
        case .string(let text): text
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let bool): String(bool)
        default: nil
        }
    }

    /// The value as a number, if it is one (or text that reads as one).
    public var number: Double? {
        switch self {
        case .number(let number): number
        case .string(let text): Double(text)
        default: nil
        }
    }

    /// The value as a boolean, if it is one.
    public var bool: Bool? {
        switch self {
        case .bool(let bool): bool
        case .string(let text): text == "true" ? true : text == "false" ? false : nil
        default: nil
        }
    }

    /// The entries, if it is a mapping.
    public var map: [String: ActionValue]? {
        if case .map(let map) = self { return map }
        return nil
    }

    /// The items, if it is a list.
    public var list: [ActionValue]? {
        if case .list(let list) = self { return list }
        return nil
    }
}
