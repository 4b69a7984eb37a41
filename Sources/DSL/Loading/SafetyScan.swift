import StampedeModel

/// Checks on the raw text, before it reaches the YAML parser, against inputs that would make parsing itself
/// dangerous: nesting deep enough to exhaust the stack, and aliases used as mapping keys (hashing an alias bomb).
enum SafetyScan {
    /// The deepest nesting a scenario may use.
    static let maximumDepth = 64

    /// Problems found, at most one per kind.
    static func problems(in text: String, file: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var indentStack: [Int] = []
        var flowDepth = 0
        var reportedDepth = false
        var reportedKey = false
        var line = 0
        var blockScalarParent: Int?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let lineText = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if let parent = blockScalarParent {
                let indent = lineText.prefix { $0 == " " }.count
                if lineText.allSatisfy({ $0 == " " }) || indent > parent { continue }
                blockScalarParent = nil
            }
            var maxFlowDepth = flowDepth
            let scan = scanLine(lineText, flowDepth: &flowDepth, maxFlowDepth: &maxFlowDepth)
            if scan.opensBlockScalar { blockScalarParent = scan.indent ?? 0 }
            let here = { (column: Int) in SourceLocation(file: file, line: line, column: column) }
            if let column = scan.aliasKeyColumn, !reportedKey {
                reportedKey = true
                problems.append(.error(here(column), "an alias or a complex value is used as a mapping key",
                                       hint: "keys must be plain names; use aliases only as values"))
            }
            if let indent = scan.indent {
                while let top = indentStack.last, top >= indent { indentStack.removeLast() }
                indentStack.append(indent)
            }
            let depth = indentStack.count + scan.dashes + maxFlowDepth
            if depth > maximumDepth, !reportedDepth {
                reportedDepth = true
                problems.append(.error(here(1), "the document is nested more than \(maximumDepth) levels deep",
                                       hint: "a scenario never needs this much nesting; is this the right file?"))
            }
        }
        return problems
    }

    private struct LineScan {
        var indent: Int?
        var dashes = 0
        var aliasKeyColumn: Int?
        var opensBlockScalar = false
    }

    /// Reads one line: its indentation (nil for blank and comment lines), leading `- ` markers, the flow depth
    /// after it, and whether an alias (or an explicit `?` key) appears where a key is.
    private static func scanLine(_ line: Substring, flowDepth: inout Int, maxFlowDepth: inout Int) -> LineScan {
        var scan = LineScan()
        let chars = Array(line)
        var index = 0
        while index < chars.count, chars[index] == " " { index += 1 }
        guard index < chars.count, chars[index] != "#" else { return scan }
        scan.indent = index
        while index + 1 < chars.count, chars[index] == "-", chars[index + 1] == " " {
            scan.dashes += 1
            index += 2
            while index < chars.count, chars[index] == " " { index += 1 }
        }
        if index < chars.count, chars[index] == "?", index + 1 == chars.count || chars[index + 1] == " " {
            scan.aliasKeyColumn = index + 1
        }
        var quote: Character?
        var aliasColumn: Int?
        var previous: Character = " "
        while index < chars.count {
            let char = chars[index]
            if let open = quote {
                if char == open { quote = nil }
            } else {
                switch char {
                case "\"", "'": if previous == " " || "[{,:".contains(previous) { quote = char }
                case "#" where previous == " ": return scan
                case "|", ">":
                    if previous == " ", index > 0, chars[..<index].last(where: { $0 != " " }).map({ $0 == ":" || $0 == "-" }) == true,
                       chars[(index + 1)...].allSatisfy({ "+-0123456789 ".contains($0) }) || chars[(index + 1)...].drop(while: { $0 != "#" }).first == "#" {
                        scan.opensBlockScalar = true
                        return scan
                    }
                case "{": flowDepth += 1; maxFlowDepth = max(maxFlowDepth, flowDepth); aliasColumn = nil
                case "[": flowDepth += 1; maxFlowDepth = max(maxFlowDepth, flowDepth)
                case ",": aliasColumn = nil
                case "]", "}": flowDepth = max(0, flowDepth - 1)
                case "*" where previous == " " || "[{,".contains(previous): aliasColumn = aliasColumn ?? index + 1
                case ":" where aliasColumn != nil && (index + 1 == chars.count || chars[index + 1] == " "):
                    scan.aliasKeyColumn = scan.aliasKeyColumn ?? aliasColumn
                default: break
                }
            }
            previous = char
            index += 1
        }
        return scan
    }
}
