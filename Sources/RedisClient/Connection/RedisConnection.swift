import Foundation
import Synchronization

/// One Redis connection: a hiredis context owned by one dedicated thread, fed by a lock-protected queue.
///
/// Callers enqueue requests and suspend on a continuation. The thread takes everything queued at once, appends it
/// all to hiredis' output buffer, then reads the replies in order (automatic pipelining): many concurrent callers
/// share one `write` and a few `read`s. On an I/O error every in-flight request fails, the context is discarded,
/// and the next batch reconnects. Nothing that may have been sent is retried.
final class RedisConnection: @unchecked Sendable {
    /// Requests enqueued and not yet answered (for choosing a connection).
    let pendingCount = Atomic<Int>(0)

    private let configuration: RedisConfiguration
    // Guarded by `condition`:
    private let condition = NSCondition()
    private var queue: [PendingRequest] = []
    private var closed = false
    private var threadSleeping = false
    private var activeDescriptor: Int32 = -1

    /// Creates the connection and starts its thread. The TCP connection opens with the first request.
    init(configuration: RedisConfiguration, name: String) {
        self.configuration = configuration
        queue.reserveCapacity(64)
        let thread = Thread { [self] in self.run() }
        thread.name = name
        thread.start()
    }

    /// Queues a request for the connection thread, or fails it at once if the connection is closed.
    func enqueue(_ request: PendingRequest) {
        condition.lock()
        if closed {
            condition.unlock()
            request.fail(.closed)
            return
        }
        pendingCount.wrappingAdd(1, ordering: .relaxed)
        queue.append(request)
        if threadSleeping { condition.signal() }
        condition.unlock()
    }

    /// Fails queued requests with ``RedisError/Kind/closed``, interrupts any in-flight read, and ends the thread.
    func close() {
        condition.lock()
        closed = true
        if activeDescriptor >= 0 { _ = shutdown(activeDescriptor, Int32(SHUT_RDWR)) }
        condition.signal()
        condition.unlock()
    }

    private func run() {
        var context: HiredisContext?
        var batch: [PendingRequest] = []
        batch.reserveCapacity(64)
        while true {
            condition.lock()
            while queue.isEmpty && !closed {
                threadSleeping = true
                condition.wait()
                threadSleeping = false
            }
            if closed {
                swap(&batch, &queue)
                condition.unlock()
                fail(batch[...], with: .closed)
                break
            }
            swap(&batch, &queue)
            condition.unlock()
            process(batch, context: &context)
            batch.removeAll(keepingCapacity: true)
        }
        if let context { discard(context) }
    }

    private func process(_ batch: [PendingRequest], context: inout HiredisContext?) {
        let connection: HiredisContext
        if let context {
            connection = context
        } else {
            do {
                connection = try HiredisContext.connect(configuration)
            } catch {
                fail(batch[...], with: error)
                return
            }
            guard publish(connection.descriptor) else {
                connection.free()
                fail(batch[...], with: .closed)
                return
            }
            context = connection
        }
        for request in batch {
            switch request {
            case .single(let command, _): connection.append(command)
            case .batch(let commands, _): for command in commands { connection.append(command) }
            }
        }
        for index in batch.indices {
            if let error = answer(batch[index], from: connection) {
                discard(connection)
                context = nil
                let cause = closedOr(error)
                fail(batch[index...index], with: cause)
                let lost = RedisError(kind: cause.kind == .closed ? .closed : .connectionLost,
                                      message: "connection to redis at \(configuration.endpoint) discarded: \(cause.message)",
                                      hint: "the command may or may not have run")
                fail(batch[(index + 1)...], with: lost)
                return
            }
        }
    }

    /// Reads the replies of one request and resumes its caller; returns the I/O error instead if reading failed.
    private func answer(_ request: PendingRequest, from connection: HiredisContext) -> RedisError? {
        switch request {
        case .single(_, let continuation):
            switch connection.readReply() {
            case .success(let value):
                pendingCount.wrappingSubtract(1, ordering: .relaxed)
                continuation.resume(returning: value)
                return nil
            case .failure(let error):
                return error
            }
        case .batch(let commands, let continuation):
            var values: [RedisValue] = []
            values.reserveCapacity(commands.count)
            for _ in commands {
                switch connection.readReply() {
                case .success(let value): values.append(value)
                case .failure(let error): return error
                }
            }
            pendingCount.wrappingSubtract(1, ordering: .relaxed)
            continuation.resume(returning: values)
            return nil
        }
    }

    private func fail(_ requests: ArraySlice<PendingRequest>, with error: RedisError) {
        guard !requests.isEmpty else { return }
        pendingCount.wrappingSubtract(requests.count, ordering: .relaxed)
        for request in requests { request.fail(error) }
    }

    /// Records the live socket so that ``close()`` can interrupt a blocking read; false if already closed.
    private func publish(_ descriptor: Int32) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        activeDescriptor = descriptor
        return true
    }

    private func discard(_ connection: HiredisContext) {
        condition.lock()
        activeDescriptor = -1
        condition.unlock()
        connection.free()
    }

    private func closedOr(_ error: RedisError) -> RedisError {
        condition.lock()
        defer { condition.unlock() }
        return closed ? .closed : error
    }
}
