/// Reading CSV text (RFC 4180 quoting), for feeders.
public enum CSV {
    /// The fields of one line.
    public static func fields(of line: some StringProtocol) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character?
        while let char = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if char == "\"" {
                    guard let next = iterator.next() else { quoted = false; continue }
                    if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                } else {
                    current.append(char)
                }
            } else if char == "\"" {
                quoted = true
            } else if char == "," {
                fields.append(current.trimmingSpaces)
                current = ""
            } else {
                current.append(char)
            }
        }
        fields.append(current.trimmingSpaces)
        return fields
    }

    /// Every non-empty line's fields.
    public static func rows(of text: String) -> [[String]] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
            .filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
            .map { fields(of: $0) }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? start
        return String(self[start..<Swift.max(start, end)])
    }
}
