import Logging
import MatchmakingTelemetry
import Synchronization
import Testing

/// ``LazyMetadataLogHandler``: metadata set on a service's logger costs nothing until a message is logged.
struct LazyMetadataLogHandlerTests {
    /// What the forwarded-to handler saw: metadata writes, and each logged message with its metadata.
    final class Record: Sendable {
        let metadataWrites = Atomic<Int>(0)
        let messages = Mutex<[(String, Logger.Metadata)]>([])
    }

    /// A handler recording into a ``Record``.
    struct RecordingHandler: LogHandler {
        let record: Record
        var logLevel: Logger.Level = .info
        var metadata: Logger.Metadata = [:] {
            didSet { record.metadataWrites.wrappingAdd(1, ordering: .relaxed) }
        }
        var metadataProvider: Logger.MetadataProvider?

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, own in own }
            record.messages.withLock { $0.append((event.message.description, merged)) }
        }
    }

    @Test("metadata set on the logger reaches the handler only with a logged message, merged under the message's own")
    func metadataIsFormattedOnlyWhenLogged() {
        let record = Record()
        var logger = Logger(label: "test") { _ in LazyMetadataLogHandler(base: RecordingHandler(record: record)) }
        logger.logLevel = .info
        for index in 0..<100 { logger[metadataKey: "request.id"] = "\(index)" }
        logger[metadataKey: "service"] = "gateway"
        logger.debug("below the level")
        #expect(record.metadataWrites.load(ordering: .relaxed) == 0)
        #expect(record.messages.withLock { $0.isEmpty })
        logger.info("served", metadata: ["service": "override", "status": "200"])
        let messages = record.messages.withLock { $0 }
        #expect(messages.count == 1)
        #expect(messages.first?.0 == "served")
        #expect(messages.first?.1 == ["request.id": "99", "service": "override", "status": "200"])
        #expect(logger[metadataKey: "request.id"] == "99")
        #expect(record.metadataWrites.load(ordering: .relaxed) == 0)
    }

    @Test("the level is the forwarded-to handler's")
    func levelIsForwarded() {
        let record = Record()
        var handler = LazyMetadataLogHandler(base: RecordingHandler(record: record))
        handler.logLevel = .error
        var logger = Logger(label: "test") { _ in handler }
        logger.warning("dropped")
        logger.error("kept")
        #expect(record.messages.withLock { $0.map(\.0) } == ["kept"])
        logger.logLevel = .trace
        #expect(logger.logLevel == .trace)
    }
}
