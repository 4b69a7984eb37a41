import StampedeModel

/// Reads one threshold criterion: `AGGREGATION OPERATOR VALUE`.
///
/// ```
/// criterion   := aggregation operator value
/// aggregation := avg | min | max | med | p(N) with 0 < N ≤ 100 | count | rate | value
/// operator    := < | <= | > | >= | ==
/// value       := number [unit]
/// unit        := us | ms | s | m | h | d (also combined: 1m30s)    — a duration, stored in seconds
///              | %                                                  — a fraction: 1% is 0.01
///              | /s | /min | /h | /ms | /d                          — events per second
/// ```
/// Spaces are allowed between the parts: `p(99.9)<=1.5s`, `rate < 1%`, `count == 0`.
/// Whether the aggregation and unit fit the metric is checked later (see `AggregationRules`).
enum CriterionParser {
    /// The aggregations in the order hints list them.
    static let aggregationNames = ["avg", "min", "max", "med", "p(N)", "count", "rate", "value"]

    /// Names people write for an aggregation, from other tools.
    private static let aliases: [String: String] = [
        "mean": "avg", "average": "avg", "median": "med", "minimum": "min", "maximum": "max",
        "percentile": "p(95)", "sum": "count", "total": "count", "last": "value",
    ]

    /// Misspelt operators and what to write instead.
    private static let operatorFixes: [String: String] = ["=<": "<=", "=>": ">=", "=": "==", "===": "==", "<<": "<", ">>": ">"]

    /// The parts of `text`, or the first problem in it.
    static func parse(_ text: String) -> Result<ParsedCriterion, ThresholdIssue> {
        var cursor = TextCursor(text)
        cursor.skipSpaces()
        guard !cursor.isAtEnd else {
            return .failure(.error(0, "empty threshold criterion", hint: "write e.g. p(95) < 200ms"))
        }
        let aggregationOffset = cursor.offset
        let aggregation: Aggregation
        switch parseAggregation(&cursor) {
        case .success(let parsed): aggregation = parsed
        case .failure(let issue): return .failure(issue)
        }
        let aggregationText = cursor.text(from: aggregationOffset, to: cursor.offset)
        cursor.skipSpaces()
        let comparison: Comparison
        switch parseOperator(&cursor, after: aggregationText) {
        case .success(let parsed): comparison = parsed
        case .failure(let issue): return .failure(issue)
        }
        cursor.skipSpaces()
        guard !cursor.isAtEnd else {
            return .failure(.error(cursor.offset, "missing value after '\(comparison.rawValue)'", hint: "write e.g. \(aggregationText) \(comparison.rawValue) 200ms"))
        }
        let bound: ParsedBound
        switch parseBound(&cursor) {
        case .success(let parsed): bound = parsed
        case .failure(let issue): return .failure(issue)
        }
        cursor.skipSpaces()
        guard cursor.isAtEnd else {
            return .failure(.error(cursor.offset, "unexpected '\(cursor.rest)' after the value", hint: "a criterion is AGGREGATION OPERATOR VALUE; write each criterion as its own list item"))
        }
        return .success(ParsedCriterion(
            aggregation: aggregation, aggregationText: aggregationText, aggregationOffset: aggregationOffset,
            comparison: comparison, bound: bound))
    }

    /// Whether `character` may appear in an operator.
    private static func isOperatorCharacter(_ character: Character) -> Bool {
        character == "<" || character == ">" || character == "=" || character == "!"
    }

    /// Whether `character` is an ASCII digit.
    private static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }

    /// Reads the aggregation at the cursor.
    private static func parseAggregation(_ cursor: inout TextCursor) -> Result<Aggregation, ThresholdIssue> {
        let start = cursor.offset
        let name = cursor.read { $0.isLetter || isDigit($0) || $0 == "_" }
        guard !name.isEmpty else {
            let next = cursor.current ?? " "
            if isOperatorCharacter(next) {
                return .failure(.error(start, "missing aggregation before '\(next)'", hint: "write e.g. p(95) \(next) 200ms"))
            }
            let word = cursor.read { $0 != " " && $0 != "\t" && !isOperatorCharacter($0) }
            return .failure(.error(start, "unknown aggregation '\(word)'", hint: Suggestion.hint(for: word, in: aggregationNames, noun: "aggregations are")))
        }
        switch name {
        case "avg": return .success(.avg)
        case "min": return .success(.min)
        case "max": return .success(.max)
        case "med": return .success(.med)
        case "count": return .success(.count)
        case "rate": return .success(.rate)
        case "value": return .success(.value)
        case "p": return parsePercentile(&cursor, start: start)
        default: break
        }
        let hint: String?
        if name.first == "p" || name.first == "P", name.dropFirst().allSatisfy({ isDigit($0) }), name.count > 1 {
            let digits = name.dropFirst()
            let fraction = cursor.current == "." ? "." + cursor.text(from: cursor.offset + 1, to: cursor.characters.count).prefix(while: isDigit) : ""
            hint = "write p(\(digits)\(fraction))"
        } else if name.lowercased() == "p" || aggregationNames.contains(name.lowercased()) {
            hint = name.lowercased() == "p" ? "write the percentile in lowercase: p(95)" : "write \(name.lowercased())"
        } else if let alias = aliases[name.lowercased()] {
            hint = "write \(alias)"
        } else {
            hint = Suggestion.hint(for: name, in: aggregationNames, noun: "aggregations are")
        }
        return .failure(.error(start, "unknown aggregation '\(name)'", hint: hint))
    }

    /// Reads `(N)` after `p` at `start`.
    private static func parsePercentile(_ cursor: inout TextCursor, start: Int) -> Result<Aggregation, ThresholdIssue> {
        cursor.skipSpaces()
        guard cursor.current == "(" else {
            return .failure(.error(cursor.offset, "missing '(' after 'p'", hint: "write a percentile as p(95)"))
        }
        let open = cursor.offset
        cursor.offset += 1
        let inner = cursor.read { $0 != ")" }
        guard !cursor.isAtEnd else {
            return .failure(.error(open, "unclosed 'p('", hint: "write a percentile as p(95)"))
        }
        cursor.offset += 1
        let number = inner.trimmingSpaces
        let numberOffset = open + 1 + inner.prefix { $0 == " " || $0 == "\t" }.count
        guard !number.isEmpty else {
            return .failure(.error(open + 1, "missing percentile in 'p(\(inner))'", hint: "write e.g. p(95) or p(99.9)"))
        }
        guard number.allSatisfy({ isDigit($0) || $0 == "." }), let percentile = Double(number) else {
            return .failure(.error(numberOffset, "percentile '\(number)' is not a number", hint: "write e.g. p(95) or p(99.9)"))
        }
        guard percentile > 0, percentile <= 100 else {
            return .failure(.error(numberOffset, "percentile '\(number)' is outside 0 < N ≤ 100", hint: "write e.g. p(95) or p(99.9)"))
        }
        return .success(.percentile(percentile))
    }

    /// Reads the operator at the cursor.
    private static func parseOperator(_ cursor: inout TextCursor, after aggregation: String) -> Result<Comparison, ThresholdIssue> {
        let start = cursor.offset
        let written = cursor.read(while: isOperatorCharacter)
        guard !written.isEmpty else {
            guard !cursor.isAtEnd else {
                return .failure(.error(start, "missing operator after '\(aggregation)'", hint: "write e.g. \(aggregation) < 200ms"))
            }
            let word = cursor.text(from: start, to: cursor.characters.count).prefix { $0 != " " && $0 != "\t" }
            return .failure(.error(start, "missing operator before '\(word)'", hint: "operators are <, <=, >, >=, =="))
        }
        if let comparison = Comparison(rawValue: written) { return .success(comparison) }
        if let fix = operatorFixes[written] {
            return .failure(.error(start, "unknown operator '\(written)'", hint: "use \(fix)"))
        }
        if written == "!=" {
            return .failure(.error(start, "operator '!=' is not supported", hint: "use <, <=, >, >= or =="))
        }
        return .failure(.error(start, "unknown operator '\(written)'", hint: "operators are <, <=, >, >=, =="))
    }

    /// Reads a number and its unit at the cursor.
    private static func parseBound(_ cursor: inout TextCursor) -> Result<ParsedBound, ThresholdIssue> {
        let start = cursor.offset
        let token = cursor.text(from: start, to: cursor.characters.count).prefix { $0 != " " && $0 != "\t" }
        var sign = ""
        if let first = cursor.current, first == "-" || first == "+" {
            sign = String(first)
            cursor.offset += 1
        }
        var magnitude = cursor.read { isDigit($0) || $0 == "." }
        if cursor.current == "e" || cursor.current == "E",
            let next = cursor.peek(1), isDigit(next) || ((next == "-" || next == "+") && cursor.peek(2).map(isDigit) == true)
        {
            magnitude += String(cursor.characters[cursor.offset]) + String(next)
            cursor.offset += 2
            magnitude += cursor.read(while: isDigit)
        }
        guard magnitude.contains(where: isDigit) else {
            return .failure(.error(start, "value '\(token)' is not a number", hint: "write e.g. 200ms, 1% or 100"))
        }
        guard let number = Double(magnitude), number.isFinite else {
            return .failure(.error(start, "value '\(sign)\(magnitude)' is not a number", hint: "write e.g. 200ms, 1% or 100"))
        }
        let signed = sign == "-" ? -number : number
        let afterNumber = cursor.offset
        cursor.skipSpaces()
        if let next = cursor.current, next.isLetter || next == "%" || next == "/" {
            // A unit, possibly after a space: `200 ms`.
        } else {
            cursor.offset = afterNumber
        }
        let unitOffset = cursor.offset
        let unitText: String
        switch cursor.current {
        case "%":
            cursor.offset += 1
            unitText = "%"
        case "/":
            cursor.offset += 1
            unitText = "/" + cursor.read { $0.isLetter }
        default:
            unitText = cursor.read { $0.isLetter || isDigit($0) || $0 == "." }
        }
        let text = cursor.text(from: start, to: cursor.offset)
        func bound(_ unit: ParsedBound.Unit, _ value: Double) -> ParsedBound {
            ParsedBound(
                text: text, offset: start, numberText: sign + magnitude, unitText: unitText, unitOffset: unitOffset,
                unit: unit, value: value)
        }
        if unitText.isEmpty { return .success(bound(.none, signed)) }
        if unitText == "%" { return .success(bound(.percent, signed / 100)) }
        if unitText.hasPrefix("/") {
            guard case .success(let perSecond) = Units.rate("\(magnitude)\(unitText)") else {
                return .failure(.error(unitOffset, "unknown rate unit '\(unitText)'", hint: "write e.g. 100/s or 6000/min"))
            }
            return .success(bound(.perSecond, sign == "-" ? -perSecond : perSecond))
        }
        if unitText.first?.isLetter == true, case .success(let seconds) = Units.duration("\(magnitude)\(unitText)") {
            return .success(bound(.duration, sign == "-" ? -seconds : seconds))
        }
        return .failure(.error(unitOffset, "unknown unit '\(unitText)'", hint: "units are us, ms, s, m, h (durations), % and /s, /min (rates)"))
    }
}
