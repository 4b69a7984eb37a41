/// A single value and how its text is read.
public struct ScalarShape: Sendable {
    /// The kinds of scalar the language uses.
    public enum Kind: Sendable, Equatable {
        /// Any text (numbers and booleans are accepted as their text).
        case text
        /// A name: letters, digits, `_` and `-`, not starting with a digit.
        case identifier
        /// A whole number within the bounds.
        case integer(minimum: Int, maximum: Int?)
        /// A number within the bounds (`exclusiveMinimum`: strictly above `minimum`).
        case number(minimum: Double, exclusiveMinimum: Bool)
        /// `true` or `false`.
        case boolean
        /// A duration with a unit: `250ms`, `5m`, `1h30m`.
        case duration
        /// A rate with a unit: `200/s`, `12000/min`.
        case rate
        /// A non-negative number of players or events.
        case count
        /// A number in 0…1 or a percentage.
        case probability
        /// One of the given words.
        case choice([String])
        /// `target.action`.
        case actionReference
    }

    /// The kind of value.
    public var kind: Kind
    /// One line on what the value means.
    public var summary: String

    /// Creates a scalar shape.
    public init(_ kind: Kind, _ summary: String) {
        self.kind = kind
        self.summary = summary
    }

    /// "a duration", "a rate", … for messages.
    public var expectation: String {
        switch kind {
        case .text: "text"
        case .identifier: "a name"
        case .integer: "a whole number"
        case .number: "a number"
        case .boolean: "true or false"
        case .duration: "a duration such as 30s"
        case .rate: "a rate such as 200/s"
        case .count: "a number"
        case .probability: "a probability such as 0.1 or 10%"
        case .choice(let words): "one of \(words.joined(separator: ", "))"
        case .actionReference: "an action such as target.action"
        }
    }

    /// Checks a scalar; `nil` when it fits.
    public func check(_ scalar: YAMLScalar) -> UnitError? {
        if scalar.isNull, !(kind == .identifier && scalar.text.lowercased() == "null") {
            return UnitError("expected \(expectation), found nothing", hint: "give a value after the ':'")
        }
        let text = scalar.text
        switch kind {
        case .text:
            return nil
        case .identifier:
            return Self.isIdentifier(text) ? nil
                : UnitError("'\(text)' is not a valid name", hint: "use letters, digits, '_' and '-', starting with a letter")
        case let .integer(minimum, maximum):
            guard let value = scalar.integer else {
                return UnitError("expected a whole number, found \(scalar.kindDescription)")
            }
            if value < minimum { return UnitError("\(value) is below the minimum of \(minimum)") }
            if let maximum, value > maximum { return UnitError("\(value) is above the maximum of \(maximum)") }
            return nil
        case let .number(minimum, exclusive):
            guard let value = scalar.number else { return UnitError("expected a number, found \(scalar.kindDescription)") }
            if exclusive ? value <= minimum : value < minimum {
                return UnitError("\(text) must be \(exclusive ? "above" : "at least") \(minimum.compactText)")
            }
            return nil
        case .boolean:
            return scalar.bool == nil ? UnitError("expected true or false, found \(scalar.kindDescription)") : nil
        case .duration:
            return Units.duration(text).failure
        case .rate:
            return Units.rate(text).failure
        case .count:
            return Units.count(text).failure
        case .probability:
            return Units.probability(text).failure
        case .choice(let words):
            return words.contains(text) ? nil
                : UnitError("'\(text)' is not one of \(words.joined(separator: ", "))", hint: Suggestion.hint(for: text, in: words))
        case .actionReference:
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 2 && parts.allSatisfy({ Self.isIdentifier(String($0)) }) ? nil
                : UnitError("'\(text)' is not an action reference", hint: "write target.action, e.g. api.get")
        }
    }

    /// Whether `text` is a name: letters, digits, `_` and `-`, starting with a letter or `_`.
    public static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// The JSON Schema pattern of an identifier.
    public static let identifierPattern = #"^[A-Za-z_][A-Za-z0-9_-]*$"#
}

extension Result {
    /// The error, if it is a failure.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

