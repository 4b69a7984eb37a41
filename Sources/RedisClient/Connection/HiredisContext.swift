import CHiredis

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One blocking hiredis context. Confined to the connection thread that created it; freed by ``free()``.
final class HiredisContext {
    private let context: UnsafeMutablePointer<redisContext>
    /// The socket descriptor (used only to shut the socket down from another thread on close).
    let descriptor: Int32

    private init(_ context: UnsafeMutablePointer<redisContext>) {
        self.context = context
        self.descriptor = context.pointee.fd
    }

    /// Connects with the configured timeouts, then sends AUTH and SELECT if configured.
    static func connect(_ configuration: RedisConfiguration) throws(RedisError) -> HiredisContext {
        let failure = { (reason: String) in
            RedisError(
                kind: .connectionFailed,
                message: "cannot connect to redis at \(configuration.endpoint): \(reason)",
                hint: "is redis-server running?"
            )
        }
        guard let raw = redisConnectWithTimeout(configuration.host, Int32(configuration.port), timeval(configuration.connectTimeout)) else {
            throw failure("out of memory")
        }
        if raw.pointee.err != 0 {
            let reason = errorText(raw)
            redisFree(raw)
            throw failure(reason)
        }
        let connection = HiredisContext(raw)
        _ = fcntl(connection.descriptor, F_SETFD, FD_CLOEXEC)
        if let timeout = configuration.commandTimeout {
            _ = redisSetTimeout(raw, timeval(timeout))
        }
        do {
            if let password = configuration.password {
                try connection.handshake(["AUTH", password], configuration: configuration)
            }
            if let database = configuration.database {
                try connection.handshake(["SELECT", String(database)], configuration: configuration)
            }
        } catch {
            connection.free()
            throw failure(error.message)
        }
        return connection
    }

    /// Queues an encoded command in hiredis' output buffer (written by the next ``readReply()``).
    func append(_ command: RedisCommand) {
        command.encoded.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = redisAppendFormattedCommand(context, chars.baseAddress, chars.count)
            }
        }
    }

    /// Flushes pending output if needed and reads the next reply. On failure the context is unusable.
    func readReply() -> Result<RedisValue, RedisError> {
        var reply: UnsafeMutableRawPointer?
        errno = 0
        let status = redisGetReply(context, &reply)
        let savedErrno = errno
        guard status == REDIS_OK, let reply else {
            return .failure(ioError(errno: savedErrno))
        }
        defer { freeReplyObject(reply) }
        return RedisReplyDecoder.decode(reply.assumingMemoryBound(to: redisReply.self))
    }

    /// Frees the context and closes its socket. Call exactly once.
    func free() {
        redisFree(context)
    }

    private func handshake(_ arguments: [String], configuration: RedisConfiguration) throws(RedisError) {
        append(RedisCommand(arguments))
        switch readReply() {
        case .success(.error(let message)): throw RedisError(kind: .server, message: "\(arguments[0]) failed: \(message)")
        case .success: return
        case .failure(let error): throw error
        }
    }

    private func ioError(errno code: Int32) -> RedisError {
        let reason = Self.errorText(context)
        if context.pointee.err == REDIS_ERR_IO && (code == EAGAIN || code == EWOULDBLOCK || code == ETIMEDOUT) {
            return RedisError(kind: .timeout, message: "redis command timed out (\(reason))",
                              hint: "raise commandTimeout for slow or blocking commands")
        }
        if context.pointee.err == REDIS_ERR_PROTOCOL {
            return RedisError(kind: .invalidReply, message: "invalid reply from redis: \(reason)")
        }
        return RedisError(kind: .connectionLost, message: "connection to redis lost: \(reason)",
                          hint: "the command may or may not have run; the next command reconnects")
    }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            let bytes = raw.prefix(while: { $0 != 0 })
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

extension timeval {
    /// A `timeval` of `duration` (at least 1 µs, since zero means "no timeout" to the kernel).
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let wholeSeconds = max(0, Int(seconds))
        var micros = max(0, Int(attoseconds / 1_000_000_000_000))
        if wholeSeconds == 0 && micros == 0 { micros = 1 }
        self.init(tv_sec: wholeSeconds, tv_usec: micros)
    }
}
