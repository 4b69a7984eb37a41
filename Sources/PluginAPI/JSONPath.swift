import Foundation

/// A small JSON path, for adapters that capture or check values in JSON documents.
///
/// The syntax is a subset of JSONPath: `$` is the whole document, `.name` a member of an object, `[N]` an item of
/// an array (`[-1]` is the last one), and `["key"]` or `['key']` a member whose name is not a plain word (spaces,
/// dots, brackets; `\"`, `\'` and `\\` escape inside the quotes).
///
/// ```swift
/// let path = JSONPath("$.items[0].id")!
/// path.text(in: Data(#"{"items": [{"id": 7}]}"#.utf8))   // "7"
/// JSONPath("$[\"key with space\"]")                          // a member named `key with space`
/// JSONPath("items")                                         // nil: a path starts with `$`
/// ```
///
/// Values are the objects `JSONSerialization` makes (`[String: Any]`, `[Any]`, `String`, `NSNumber`, `NSNull`).
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    /// One step of a path.
    public enum Step: Sendable, Equatable {
        /// A member of an object.
        case member(String)
        /// An item of an array; negative indices count from the end (`-1` is the last item).
        case index(Int)
    }

    /// The steps from the document's root, in order (empty for `$`).
    public let steps: [Step]
    /// The path as written.
    public let description: String

    /// Parses a path such as `$`, `$.a.b`, `$.items[0].id`, `$["key with space"]` or `$.a[-1]`.
    ///
    /// Returns `nil` when the text is not a path: it must start with `$`, member names after `.` must not be
    /// empty, indices must be whole numbers and quotes must be closed.
    public init?(_ text: String) {
        guard let steps = JSONPathParser.parse(Array(text.utf8)) else { return nil }
        self.steps = steps
        self.description = text
    }

    /// The value the path leads to in a parsed document, or `nil` when a member or an item does not exist or a
    /// step meets a value of the wrong kind (an index into an object, a member of a number). A JSON `null` is
    /// found as `NSNull`.
    public func value(in json: Any) -> Any? {
        var current = json
        for step in steps {
            switch step {
            case .member(let name):
                guard let object = current as? [String: Any], let next = object[name] else { return nil }
                current = next
            case .index(let index):
                guard let array = current as? [Any] else { return nil }
                let position = index < 0 ? array.count + index : index
                guard array.indices.contains(position) else { return nil }
                current = array[position]
            }
        }
        return current
    }

    /// The value the path leads to in a JSON document, as text (see ``text(of:)``); `nil` when the data is not
    /// JSON or the path leads nowhere.
    public func text(in data: Data) -> String? {
        guard let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
            let found = value(in: json)
        else { return nil }
        return Self.text(of: found)
    }

    /// A JSON value as text: strings as they are, numbers and booleans as JSON writes them (`42`, `1.5`, `true`),
    /// `null` as `null`, objects and arrays as compact JSON with sorted keys.
    public static func text(of value: Any) -> String? {
        switch value {
        case let string as String:
            return string
        case let number as NSNumber:
            return numberText(number)
        case is NSNull:
            return "null"
        case is [String: Any], is [Any]:
            guard
                let data = try? JSONSerialization.data(
                    withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
            else { return nil }
            return String(decoding: data, as: UTF8.self)
        default:
            return nil
        }
    }

    /// A number or boolean from `JSONSerialization` as JSON text.
    private static func numberText(_ number: NSNumber) -> String {
        // JSONSerialization makes booleans as NSNumbers of type `c` (char) and never makes other chars.
        switch number.objCType.pointee {
        case CChar(UInt8(ascii: "c")), CChar(UInt8(ascii: "B")):
            return number.boolValue ? "true" : "false"
        case CChar(UInt8(ascii: "d")), CChar(UInt8(ascii: "f")):
            let double = number.doubleValue
            if double == double.rounded(), abs(double) < 1e15 { return String(Int64(double)) }
            return String(double)
        case CChar(UInt8(ascii: "Q")):
            return String(number.uint64Value)
        default:
            return String(number.int64Value)
        }
    }
}

/// Reads the text of a ``JSONPath`` into steps.
private enum JSONPathParser {
    /// The steps of `bytes`, or `nil` when they are not a path.
    static func parse(_ bytes: [UInt8]) -> [JSONPath.Step]? {
        guard bytes.first == UInt8(ascii: "$") else { return nil }
        var steps: [JSONPath.Step] = []
        var position = 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "."):
                let start = position + 1
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "."), bytes[end] != UInt8(ascii: "[") { end += 1 }
                guard end > start else { return nil }
                steps.append(.member(String(decoding: bytes[start..<end], as: UTF8.self)))
                position = end
            case UInt8(ascii: "["):
                guard let (step, next) = bracket(bytes, from: position + 1) else { return nil }
                steps.append(step)
                position = next
            default:
                return nil
            }
        }
        return steps
    }

    /// The step inside brackets starting at `start` (after `[`) and the position after its `]`.
    private static func bracket(_ bytes: [UInt8], from start: Int) -> (JSONPath.Step, Int)? {
        guard start < bytes.count else { return nil }
        let quote = bytes[start]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            var name: [UInt8] = []
            var position = start + 1
            while position < bytes.count, bytes[position] != quote {
                if bytes[position] == UInt8(ascii: "\\") {
                    position += 1
                    guard position < bytes.count else { return nil }
                }
                name.append(bytes[position])
                position += 1
            }
            guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "]") else { return nil }
            return (.member(String(decoding: name, as: UTF8.self)), position + 2)
        }
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "]") { end += 1 }
        guard end < bytes.count, let index = Int(String(decoding: bytes[start..<end], as: UTF8.self)) else { return nil }
        return (.index(index), end + 1)
    }
}
