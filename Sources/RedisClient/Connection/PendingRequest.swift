/// A request waiting in a connection's queue, with the continuation its caller is suspended on.
enum PendingRequest: Sendable {
    /// One command; the reply (error replies included, as ``RedisValue/error(_:)``) resumes the caller.
    case single(RedisCommand, UnsafeContinuation<RedisValue, any Error>)
    /// Several commands sent back to back; their replies, in order, resume the caller.
    case batch([RedisCommand], UnsafeContinuation<[RedisValue], any Error>)

    /// Resumes the caller with `error`.
    func fail(_ error: RedisError) {
        switch self {
        case .single(_, let continuation): continuation.resume(throwing: error)
        case .batch(_, let continuation): continuation.resume(throwing: error)
        }
    }
}
