import StampedeModel

/// A YAML value with the place of every part, as the validator and decoder walk it.
///
/// Converted from Yams' composed nodes once, with aliases expanded under a budget and `<<` merge keys applied.
public indirect enum YAMLNode: Sendable {
    /// A scalar.
    case scalar(YAMLScalar)
    /// A mapping with text keys, in written order.
    case mapping([YAMLEntry], SourceLocation)
    /// A sequence.
    case sequence([YAMLNode], SourceLocation)

    /// Where the node starts.
    public var location: SourceLocation {
        switch self {
        case .scalar(let scalar): scalar.location
        case .mapping(_, let location), .sequence(_, let location): location
        }
    }

    /// The scalar, if the node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    /// The entries, if the node is a mapping.
    public var entries: [YAMLEntry]? {
        if case .mapping(let entries, _) = self { return entries }
        return nil
    }

    /// The items, if the node is a sequence.
    public var items: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    /// The value under `key`, if the node is a mapping that has it.
    public subscript(key: String) -> YAMLNode? {
        entries?.first { $0.key == key }?.value
    }

    /// The entry for `key`, if the node is a mapping that has it.
    public func entry(_ key: String) -> YAMLEntry? {
        entries?.first { $0.key == key }
    }

    /// "a mapping", "a list", "text", … for messages.
    public var kindDescription: String {
        switch self {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): scalar.kindDescription
        }
    }
}

/// One `key: value` pair.
public struct YAMLEntry: Sendable {
    /// The key's text.
    public var key: String
    /// Where the key's text starts (after an opening quote).
    public var keyLocation: SourceLocation
    /// The value.
    public var value: YAMLNode

    /// Creates an entry.
    public init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

/// A scalar and how it was written.
public struct YAMLScalar: Sendable {
    /// The scalar's text.
    public var text: String
    /// Whether it was written plain (unquoted), which is when `true`, `10` or `~` mean a boolean, number or null.
    public var isPlain: Bool
    /// Where the scalar starts (at the opening quote for quoted scalars).
    public var location: SourceLocation
    /// Where its text starts (after an opening quote).
    public var contentLocation: SourceLocation

    /// Creates a scalar.
    public init(text: String, isPlain: Bool, location: SourceLocation, contentLocation: SourceLocation) {
        self.text = text
        self.isPlain = isPlain
        self.location = location
        self.contentLocation = contentLocation
    }

    /// Whether it is a YAML null (`~`, `null` or nothing, unquoted).
    public var isNull: Bool { isPlain && ["", "~", "null", "Null", "NULL"].contains(text) }

    /// The boolean it denotes, if it is an unquoted `true` or `false`.
    public var bool: Bool? {
        guard isPlain else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// The number it denotes, if it is an unquoted number.
    public var number: Double? {
        guard isPlain, let first = text.first, first.isNumber || first == "-" || first == "+" || first == "." else {
            return nil
        }
        guard let value = Double(text.replacingUnderscores), value.isFinite else { return nil }
        return value
    }

    /// The integer it denotes, if it is an unquoted whole number.
    public var integer: Int? {
        guard isPlain else { return nil }
        return Int(text.replacingUnderscores)
    }

    /// "text", "a number", … for messages.
    public var kindDescription: String {
        if isNull { return "nothing (null)" }
        if bool != nil { return "a boolean" }
        if number != nil { return "a number" }
        return "text '\(text.count > 40 ? String(text.prefix(40)) + "…" : text)'"
    }
}

extension String {
    fileprivate var replacingUnderscores: String {
        contains("_") ? String(filter { $0 != "_" }) : self
    }
}
