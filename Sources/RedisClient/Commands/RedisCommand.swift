import CHiredis

/// One command, binary-safe, encoded once by hiredis (`redisFormatCommandArgv`) into the bytes sent to the server.
/// Build it ahead of time to send the same command many times without encoding it again.
public struct RedisCommand: Sendable, Hashable {
    /// The encoded command, as hiredis formats it.
    let encoded: [UInt8]
    /// How many arguments (command name included) the command has.
    public let argumentCount: Int

    /// A command from text arguments (UTF-8), command name first: `RedisCommand(["SET", "key", "value"])`.
    public init(_ arguments: [String]) {
        self.init(arguments.map { Array($0.utf8) })
    }

    /// A command from binary arguments, command name first.
    public init(_ arguments: [[UInt8]]) {
        argumentCount = arguments.count
        encoded = Self.format(arguments)
    }

    /// The arguments encoded by hiredis.
    private static func format(_ arguments: [[UInt8]]) -> [UInt8] {
        var lengths = arguments.map(\.count)
        // hiredis reads each argument through a pointer and its length, so empty arguments need a valid pointer too.
        let storage = arguments.map { argument -> UnsafeMutablePointer<CChar> in
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: max(1, argument.count))
            argument.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress { UnsafeMutableRawPointer(pointer).copyMemory(from: base, byteCount: bytes.count) }
            }
            return pointer
        }
        defer { storage.forEach { $0.deallocate() } }
        var argv: [UnsafePointer<CChar>?] = storage.map { UnsafePointer($0) }
        var target: UnsafeMutablePointer<CChar>?
        let length = argv.withUnsafeMutableBufferPointer { argv in
            lengths.withUnsafeMutableBufferPointer { lengths in
                redisFormatCommandArgv(&target, Int32(argv.count), argv.baseAddress, lengths.baseAddress)
            }
        }
        guard length > 0, let target else { return [] }
        defer { redisFreeCommand(target) }
        return Array(UnsafeRawBufferPointer(start: target, count: Int(length)))
    }
}
