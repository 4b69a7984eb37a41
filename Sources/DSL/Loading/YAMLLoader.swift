import Foundation
import StampedeModel
import Yams

/// Reads a scenario file into a ``YAMLNode`` tree, turning every way that can fail into diagnostics.
public enum YAMLLoader {
    /// The largest scenario file accepted.
    public static let maximumBytes = 4 << 20
    /// The most values a document may expand to through aliases.
    public static let maximumValues = 250_000

    /// Reads and parses `path`; `displayName` is how locations name the file.
    public static func load(path: String, displayName: String? = nil) -> (YAMLNode?, [Diagnostic]) {
        let name = displayName ?? path
        let start = SourceLocation(file: name, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let message = exists ? (isDirectory.boolValue ? "is a folder, not a scenario file" : "cannot be read")
                : "no such file"
            return (nil, [.error(start, message, hint: exists ? "check the file's permissions" : "check the path")])
        }
        return parse(data: data, file: name)
    }

    /// Parses scenario text.
    public static func parse(data: Data, file: String) -> (YAMLNode?, [Diagnostic]) {
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard data.count <= maximumBytes else {
            return (nil, [.error(start, "the file is \(data.count / 1024) KiB; scenarios are limited to \(maximumBytes >> 20) MiB",
                                 hint: "keep large data in CSV feeders under data:")])
        }
        guard let text = String(validatingUTF8Data: data) else {
            let location = invalidUTF8Location(in: data, file: file)
            return (nil, [.error(location, "the file is not UTF-8 text", hint: "is this a binary file? scenarios are YAML text")])
        }
        if let nul = text.firstIndex(of: "\0") {
            let location = self.location(of: nul, in: text, file: file)
            return (nil, [.error(location, "the file contains a NUL character", hint: "is this a binary file? scenarios are YAML text")])
        }
        let safety = SafetyScan.problems(in: text, file: file)
        guard safety.isEmpty else { return (nil, safety) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            return (nil, [diagnostic(for: error, text: text, file: file)])
        } catch {
            return (nil, [.error(start, "the YAML cannot be read: \(error)")])
        }
        guard let root else {
            return (nil, [.error(start, "the file is empty", hint: "a scenario needs at least name, duration, targets, behaviours and load")])
        }
        var converter = NodeConverter(file: file, budget: maximumValues)
        let node = converter.convert(root)
        return (converter.problems.isEmpty ? node : nil, converter.problems)
    }

    private static func diagnostic(for error: YamlError, text: String, file: String) -> Diagnostic {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func at(_ mark: Mark) -> SourceLocation {
            var line = max(1, mark.line)
            var column = max(1, mark.column)
            if line > lines.count || (line == lines.count && lines[line - 1].isEmpty && lines.count > 1) {
                // Past the last line (no final line break): point at the end of the last line with text.
                line = lines.lastIndex(where: { !$0.isEmpty }).map { $0 + 1 } ?? 1
                column = lines[line - 1].count + 1
            }
            return SourceLocation(file: file, line: line, column: column)
        }
        func hasTab(_ mark: Mark) -> Bool {
            mark.line >= 1 && mark.line <= lines.count && lines[mark.line - 1].prefix { $0 == " " || $0 == "\t" }.contains("\t")
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let contextText = context.map { " \($0.text) (line \($0.mark.line))" } ?? ""
            let hint = hasTab(mark) ? "indent with spaces, not tabs" : syntaxHint(for: problem)
            return .error(at(mark), "YAML syntax: \(problem)\(contextText)", hint: hint)
        case let .composer(context, problem, mark, _):
            let contextText = context.map { "\($0.text), " } ?? ""
            let hint = problem.contains("alias") ? "define the anchor (&name) before using *name"
                : problem.contains("another document") ? "a scenario is one YAML document; remove the '---' line or split the file" : nil
            return .error(at(mark), "YAML: \(contextText)\(problem)", hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? "?"
            let location = secondOccurrence(of: key, after: context.mark, in: text)
                .map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? at(context.mark)
            return .error(location, "duplicate key '\(key)'", hint: "each key may appear once in a mapping; merge the two entries")
        case let .reader(problem, offset, _, _):
            let location = offset.flatMap { text.index(text.startIndex, offsetBy: $0, limitedBy: text.endIndex) }
                .map { self.location(of: $0, in: text, file: file) } ?? SourceLocation(file: file, line: 1, column: 1)
            return .error(location, "the file cannot be read as YAML: \(problem)", hint: "scenarios are UTF-8 YAML text")
        default:
            return .error(SourceLocation(file: file, line: 1, column: 1), "the YAML cannot be read: \(error)")
        }
    }

    private static func syntaxHint(for problem: String) -> String? {
        if problem.contains("tab") { return "indent with spaces, not tabs" }
        if problem.contains("mapping values are not allowed") { return "quote values that contain ': ' or check the indentation" }
        if problem.contains("could not find expected ':'") { return "each line of a mapping needs 'key: value'" }
        if problem.contains("did not find expected key") { return "check the indentation of this line against the one above" }
        if problem.contains("found unexpected end of stream") { return "a quote or bracket is not closed" }
        return nil
    }

    /// Where `key:` appears again after `mark` at the same column, for duplicate-key errors.
    private static func secondOccurrence(of key: String, after mark: Mark, in text: String) -> (line: Int, column: Int)? {
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if lineNumber == mark.line, let column = flowKeyColumn(of: key, in: Array(line), after: mark.column + key.count - 1) {
                return (lineNumber, column)
            }
            guard lineNumber > mark.line else { continue }
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if indent + 1 == mark.column, rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") {
                return (lineNumber, indent + 1)
            }
        }
        return nil
    }

    /// The 1-based column of `key:` as a flow-mapping key on `line`, after column `start`.
    private static func flowKeyColumn(of key: String, in line: [Character], after start: Int) -> Int? {
        let keyChars = Array(key)
        var index = max(0, start)
        while index + keyChars.count <= line.count {
            if Array(line[index..<index + keyChars.count]) == keyChars, index > 0, " ,{".contains(line[index - 1]) {
                var next = index + keyChars.count
                while next < line.count, line[next] == " " { next += 1 }
                if next < line.count, line[next] == ":" { return index + 1 }
            }
            index += 1
        }
        return nil
    }

    private static func location(of index: String.Index, in text: String, file: String) -> SourceLocation {
        let before = text[..<index]
        let line = before.reduce(into: 1) { count, char in if char == "\n" { count += 1 } }
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return SourceLocation(file: file, line: line, column: text.distance(from: lineStart, to: index) + 1)
    }

    private static func invalidUTF8Location(in data: Data, file: String) -> SourceLocation {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var line = 1
        var column = 1
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput, .error:
                break decoding
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}

extension String {
    /// Decodes UTF-8, failing (instead of repairing) on invalid bytes.
    init?(validatingUTF8Data data: Data) {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        self = text
    }
}
