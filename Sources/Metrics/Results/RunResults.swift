import Foundation

/// Everything a finished run produced: what ran, how it ended, what each load achieved, every measured series and
/// the threshold verdicts.
///
/// Its JSON form (``jsonData()``, read back by ``decode(from:)``) is the stable *results document*; see
/// ``ResultsDocument`` for its fields.
public struct RunResults: Sendable, Equatable {
    /// The scenario's name.
    public var scenario: String
    /// The scenario file as the user named it.
    public var file: String
    /// The seed of the plan.
    public var seed: UInt64
    /// When the run started.
    public var startedAt: Date
    /// The planned duration, in seconds.
    public var plannedDuration: Double
    /// Seconds from the start to the end of the run.
    public var elapsed: Double
    /// Why the run ended.
    public var stopReason: StopReason
    /// Planned and achieved arrivals, per load.
    public var loads: [LoadTally]
    /// Every measured series.
    public var store: MetricsStore
    /// One verdict per threshold criterion.
    public var verdicts: [ThresholdVerdict]

    /// Creates the results of a run.
    public init(
        scenario: String, file: String, seed: UInt64, startedAt: Date, plannedDuration: Double, elapsed: Double,
        stopReason: StopReason, loads: [LoadTally], store: MetricsStore, verdicts: [ThresholdVerdict]
    ) {
        self.scenario = scenario
        self.file = file
        self.seed = seed
        self.startedAt = startedAt
        self.plannedDuration = plannedDuration
        self.elapsed = elapsed
        self.stopReason = stopReason
        self.loads = loads
        self.store = store
        self.verdicts = verdicts
    }

    /// The process exit code (``RunExitCode``): 0 when the run completed and every threshold passed.
    public var exitCode: Int32 { RunExitCode.code(stopReason: stopReason, verdicts: verdicts) }

    /// Whether every threshold criterion passed.
    public var thresholdsPassed: Bool { verdicts.allSatisfy(\.passed) }

    /// The results document: pretty-printed JSON with sorted keys, series sorted by name and tags.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? encoder.encode(ResultsDocument(self))) ?? Data("{}".utf8)
    }

    /// Reads a results document back. The store is rebuilt from the series (see ``SeriesRestorer``), so that
    /// results of several machines can be merged with ``MetricsStore/merge(_:)`` and evaluated again.
    ///
    /// - Throws: `DecodingError` for malformed JSON, ``ResultsDecodingError`` for a document this build cannot read.
    public static func decode(from data: Data) throws -> RunResults {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(ResultsDocument.self, from: data).results()
    }
}
