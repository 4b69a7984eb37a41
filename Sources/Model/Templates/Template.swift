import Foundation

/// The `{{ … }}` template syntax of text values.
public enum Template {
    /// A piece of a template.
    public enum Part: Equatable, Sendable {
        /// Plain text.
        case literal(String)
        /// A reference such as `session.token`, split at dots; `offset` is the column offset of its first character.
        case reference([String], offset: Int)
        /// A malformed template, with a message and the offset of the problem.
        case malformed(String, offset: Int)
    }

    /// Whether `text` is a name: letters, digits, `_` and `-`, starting with a letter or `_`.
    public static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// Splits `text` into literal text and references.
    public static func parse(_ text: String) -> [Part] {
        var parts: [Part] = []
        var rest = Substring(text)
        var offset = 0
        while let open = rest.range(of: "{{") {
            let literal = rest[..<open.lowerBound]
            if !literal.isEmpty { parts.append(.literal(String(literal))) }
            offset += literal.count
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                parts.append(.malformed("'{{' is not closed", offset: offset))
                return parts
            }
            let inner = afterOpen[..<close.lowerBound]
            let leading = inner.prefix { $0 == " " }.count
            let expression = String(inner.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            let segments = expression.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if expression.isEmpty {
                parts.append(.malformed("empty template '{{}}'", offset: offset))
            } else if segments.contains(where: { !Template.isName($0) }) {
                parts.append(.malformed("'\(expression)' is not a template reference", offset: offset + 2 + leading))
            } else {
                parts.append(.reference(segments, offset: offset + 2 + leading))
            }
            offset += 2 + inner.count + 2
            rest = afterOpen[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        return parts
    }
}
