/// One reply from Redis.
public enum RedisValue: Sendable, Equatable, Hashable {
    /// A nil bulk or nil array reply.
    case null
    /// A simple status reply such as `OK`.
    case status(String)
    /// An error reply, e.g. `WRONGTYPE Operation against a key holding the wrong kind of value`.
    case error(String)
    /// An integer reply.
    case integer(Int)
    /// A binary-safe bulk string reply.
    case bulk([UInt8])
    /// A multi-bulk reply.
    case array([RedisValue])

    /// The integer of an integer reply, or of a bulk/status reply holding a decimal number; nil otherwise.
    public var int: Int? {
        switch self {
        case .integer(let value): value
        case .bulk(let bytes): Int(String(decoding: bytes, as: UTF8.self))
        case .status(let text): Int(text)
        default: nil
        }
    }

    /// The text of a bulk (decoded as UTF-8), status or error reply, or the decimal text of an integer; nil otherwise.
    public var string: String? {
        switch self {
        case .bulk(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text), .error(let text): text
        case .integer(let value): String(value)
        default: nil
        }
    }

    /// The bytes of a bulk reply (or the UTF-8 of a status reply); nil otherwise.
    public var bytes: [UInt8]? {
        switch self {
        case .bulk(let bytes): bytes
        case .status(let text): Array(text.utf8)
        default: nil
        }
    }

    /// The elements of an array reply; nil otherwise.
    public var array: [RedisValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// True for ``null``.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The message of an error reply; nil otherwise.
    public var errorMessage: String? {
        if case .error(let message) = self { return message }
        return nil
    }
}
