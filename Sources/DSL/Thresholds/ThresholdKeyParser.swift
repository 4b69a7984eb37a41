/// Splits a threshold key into metric and tag filters.
///
/// Grammar:
/// ```
/// key    := metric [ "{" filter ( "," filter )* "}" ]
/// metric := letters, digits, "_", "." or "-"
/// filter := tagKey ":" value        (spaces allowed around "," and ":")
/// value  := text without "," or "}" (dots allowed: action:game.login) | '"' text '"'
/// ```
/// Examples: `latency`, `latency{action:game.login}`, `errors{ target : api , status:"200" }`.
enum ThresholdKeyParser {
    /// The key's parts and every syntax problem found. The parts are `nil` when the key's shape is broken.
    static func parse(_ text: String) -> (key: ParsedKey?, issues: [ThresholdIssue]) {
        var cursor = TextCursor(text)
        cursor.skipSpaces()
        let metricOffset = cursor.offset
        let metric = cursor.read { isNameCharacter($0) }
        cursor.skipSpaces()
        guard !metric.isEmpty else {
            guard let next = cursor.current else {
                return (nil, [.error(0, "empty threshold key", hint: "write a metric name such as latency")])
            }
            return (nil, [.error(cursor.offset, "missing metric name before '\(next)'", hint: "write e.g. latency{action:game.login}")])
        }
        guard let next = cursor.current else {
            return (ParsedKey(metric: metric, metricOffset: metricOffset, tags: []), [])
        }
        guard next == "{" else {
            let message =
                next == "}"
                ? "unbalanced '}' in threshold key '\(text)'"
                : "unexpected '\(next)' after metric '\(metric)'"
            return (nil, [.error(cursor.offset, message, hint: "filter tags with metric{key:value,key:value}")])
        }
        let open = cursor.offset
        let close: Int
        switch closingBrace(in: cursor.characters, after: open) {
        case .closed(let index):
            close = index
        case .unclosed:
            return (nil, [.error(open, "unclosed '{' in threshold key '\(text)'", hint: "end the tag filter with '}'")])
        case .unterminatedQuote(let quote):
            return (nil, [.error(quote, "unterminated '\"' in tag filter", hint: "close the quote: key:\"value\"")])
        }
        var issues: [ThresholdIssue] = []
        if let nested = cursor.characters[(open + 1)..<close].firstIndex(of: "{") {
            issues.append(.error(nested, "unexpected '{' inside tag filter", hint: "tag filters do not nest: metric{key:value}"))
        }
        cursor.offset = close + 1
        cursor.skipSpaces()
        if !cursor.isAtEnd {
            issues.append(
                .error(cursor.offset, "unexpected '\(cursor.rest)' after '}'", hint: "nothing may follow the tag filter"))
        }
        guard issues.isEmpty else { return (nil, issues) }
        let (tags, tagIssues) = parseFilters(cursor.characters, from: open + 1, to: close)
        return (ParsedKey(metric: metric, metricOffset: metricOffset, tags: tags), tagIssues)
    }

    /// Whether `character` may appear in a metric name or tag key.
    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "." || character == "-")
    }

    /// How the tag filter after a `{` ends.
    private enum BraceEnd {
        /// At the `}` at this offset.
        case closed(Int)
        /// Never.
        case unclosed
        /// Never, because the quote at this offset is not closed.
        case unterminatedQuote(Int)
    }

    /// Where the `}` closing the `{` at `open` is, skipping quoted text.
    private static func closingBrace(in characters: [Character], after open: Int) -> BraceEnd {
        var quote: Int?
        for index in (open + 1)..<characters.count {
            switch characters[index] {
            case "\"": quote = quote == nil ? index : nil
            case "}" where quote == nil: return .closed(index)
            default: continue
            }
        }
        return quote.map { .unterminatedQuote($0) } ?? .unclosed
    }

    /// The filters between `start` and `end` (the braces excluded).
    private static func parseFilters(_ characters: [Character], from start: Int, to end: Int) -> ([ParsedKey.Tag], [ThresholdIssue]) {
        if characters[start..<end].allSatisfy({ $0 == " " || $0 == "\t" }) {
            return ([], [.error(start - 1, "empty tag filter '{}'", hint: "write metric{key:value} or drop the braces")])
        }
        var commas: [Int] = []
        var quoted = false
        for index in start..<end {
            if characters[index] == "\"" { quoted.toggle() }
            if characters[index] == ",", !quoted { commas.append(index) }
        }
        var tags: [ParsedKey.Tag] = []
        var issues: [ThresholdIssue] = []
        let bounds = [start - 1] + commas + [end]
        for (index, (from, to)) in zip(bounds, bounds.dropFirst()).enumerated() {
            let comma = index < commas.count ? commas[index] : commas.last ?? from
            switch parseFilter(characters, from: from + 1, to: to, comma: comma) {
            case .success(let tag): tags.append(tag)
            case .failure(let issue): issues.append(issue)
            }
        }
        return (tags, issues)
    }

    /// One `key:value` filter between `start` and `end`; `comma` is the separator to blame when it is empty.
    private static func parseFilter(_ characters: [Character], from start: Int, to end: Int, comma: Int) -> Result<ParsedKey.Tag, ThresholdIssue> {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = (start..<end).first(where: { !isSpace(characters[$0]) }) else {
            return .failure(.error(comma, "extra ',' in tag filter", hint: "separate filters with one ',': {key:value,key:value}"))
        }
        let last = (start..<end).last { !isSpace(characters[$0]) } ?? first
        let written = String(characters[first...last])
        guard let colon = (first...last).first(where: { characters[$0] == ":" }) else {
            return .failure(.error(first, "tag filter '\(written)' has no ':'", hint: "write key:value, e.g. action:game.login"))
        }
        let key = String(characters[first..<colon]).trimmingSpaces
        guard !key.isEmpty else {
            return .failure(.error(colon, "missing tag key before ':'", hint: "write key:value, e.g. action:game.login"))
        }
        guard key.allSatisfy(isNameCharacter) else {
            return .failure(.error(first, "malformed tag key '\(key)'", hint: "tag keys are letters, digits and '_'"))
        }
        guard colon < last, let valueStart = ((colon + 1)...last).first(where: { !isSpace(characters[$0]) }) else {
            return .failure(.error(colon, "missing value for tag '\(key)'", hint: "write \(key):VALUE"))
        }
        var value = String(characters[valueStart...last])
        var valueOffset = valueStart
        if value.hasPrefix("\"") {
            guard value.count >= 2, value.hasSuffix("\""), !value.dropFirst().dropLast().contains("\"") else {
                return .failure(.error(valueStart, "unterminated '\"' in value of tag '\(key)'", hint: "write \(key):\"VALUE\""))
            }
            value = String(value.dropFirst().dropLast())
            valueOffset += 1
            guard !value.isEmpty else {
                return .failure(.error(valueStart, "missing value for tag '\(key)'", hint: "write \(key):VALUE"))
            }
        } else if let quote = (valueStart...last).first(where: { characters[$0] == "\"" }) {
            return .failure(.error(quote, "unexpected '\"' in value of tag '\(key)'", hint: "quote the whole value: \(key):\"VALUE\""))
        }
        return .success(ParsedKey.Tag(key: key, keyOffset: first, value: value, valueOffset: valueOffset))
    }
}
