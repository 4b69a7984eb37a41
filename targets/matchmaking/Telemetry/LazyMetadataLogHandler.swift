import Logging

/// A log handler that keeps the metadata set on its logger as it is and formats it only when a message is logged,
/// forwarding each message to another handler (swift-log's `StreamLogHandler` on standard error by default).
///
/// `StreamLogHandler` formats its whole metadata into a string every time a key is set. Hummingbird sets the request
/// id on its logger for every request, so with the stock handler each request paid for formatting a prefix no message
/// used — about 3 % of the gateway's CPU under load (`perf`, `scripts/bench/tickets.sh` with `PROFILE=1`) — even at
/// level `info`, where request logs are not printed. The services create their loggers on this handler.
public struct LazyMetadataLogHandler: LogHandler {
    private var base: any LogHandler

    /// The metadata set on the logger, merged into each message's own (which wins on equal keys) when it is logged.
    public var metadata: Logger.Metadata = [:]

    /// The forwarded-to handler's metadata provider.
    public var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }

    /// The forwarded-to handler's level.
    public var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    /// A handler writing to standard error like `StreamLogHandler.standardError(label:)`.
    public init(label: String) {
        self.init(base: StreamLogHandler.standardError(label: label))
    }

    /// A handler forwarding every message, with the metadata set on it, to `base`.
    public init(base: any LogHandler) {
        self.base = base
    }

    /// One metadata value, stored as it is.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Forwards the message with the logger's metadata merged in.
    public func log(event: LogEvent) {
        guard !metadata.isEmpty else { return base.log(event: event) }
        var event = event
        event.metadata = metadata.merging(event.metadata ?? [:]) { _, own in own }
        base.log(event: event)
    }
}
