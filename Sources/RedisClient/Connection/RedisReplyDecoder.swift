import CHiredis

/// Turns a hiredis `redisReply` tree into a ``RedisValue`` (the caller frees the tree).
enum RedisReplyDecoder {
    /// Decodes one reply, recursing into arrays.
    static func decode(_ reply: UnsafePointer<redisReply>) -> Result<RedisValue, RedisError> {
        let node = reply.pointee
        switch node.type {
        case REDIS_REPLY_STRING:
            return .success(.bulk(Array(UnsafeRawBufferPointer(start: node.str, count: node.len))))
        case REDIS_REPLY_INTEGER:
            return .success(.integer(Int(node.integer)))
        case REDIS_REPLY_NIL:
            return .success(.null)
        case REDIS_REPLY_STATUS:
            return .success(.status(text(node)))
        case REDIS_REPLY_ERROR:
            return .success(.error(text(node)))
        case REDIS_REPLY_ARRAY:
            var elements: [RedisValue] = []
            elements.reserveCapacity(node.elements)
            for index in 0..<node.elements {
                guard let child = node.element[index] else {
                    elements.append(.null)
                    continue
                }
                switch decode(child) {
                case .success(let value): elements.append(value)
                case .failure(let error): return .failure(error)
                }
            }
            return .success(.array(elements))
        default:
            return .failure(RedisError(kind: .invalidReply, message: "unknown redis reply type \(node.type)"))
        }
    }

    private static func text(_ node: redisReply) -> String {
        String(decoding: UnsafeRawBufferPointer(start: node.str, count: node.len), as: UTF8.self)
    }
}
