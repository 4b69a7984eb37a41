import RedisClient

/// Redis replies as the `redis` adapter shows, checks and captures them.
enum ReplyText {
    /// A reply as text: statuses and bulk strings as they are, integers in decimal, nil as empty, arrays joined by
    /// commas, errors as their message.
    static func text(of reply: RedisValue) -> String {
        switch reply {
        case .null: ""
        case .status(let text): text
        case .error(let message): message
        case .integer(let number): String(number)
        case .bulk(let bytes): String(decoding: bytes, as: UTF8.self)
        case .array(let values): values.map(text(of:)).joined(separator: ",")
        }
    }

    /// Approximately how many bytes a reply took on the wire.
    static func size(of reply: RedisValue) -> Int {
        switch reply {
        case .null: 5
        case .status(let text), .error(let text): text.utf8.count + 3
        case .integer(let number): String(number).utf8.count + 3
        case .bulk(let bytes): bytes.count + String(bytes.count).utf8.count + 5
        case .array(let values): values.reduce(String(values.count).utf8.count + 3) { $0 + size(of: $1) }
        }
    }

    /// The value of a capture expression: `reply` (the whole reply as text) or `reply[N]` (element N of an array
    /// reply, as text); nil when there is no such element or the expression is neither.
    static func capture(_ expression: String, from reply: RedisValue) -> String? {
        if expression == "reply" { return text(of: reply) }
        guard expression.hasPrefix("reply["), expression.hasSuffix("]"),
            let index = Int(expression.dropFirst(6).dropLast()), index >= 0
        else { return nil }
        guard case .array(let values) = reply, index < values.count else { return nil }
        return text(of: values[index])
    }
}
