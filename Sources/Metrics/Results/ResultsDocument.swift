import Foundation

/// The results document, version 1: what ``RunResults/jsonData()`` writes. Keys are snake_case and sorted.
///
/// ```
/// format            "stampede-results"
/// version           1
/// scenario, file    the scenario's name and file
/// seed              the plan's seed
/// started_at        ISO 8601 UTC with milliseconds (for people); started_at_unix: seconds since 1970 (exact)
/// planned_duration  seconds; elapsed: seconds the run took
/// stop_reason       {kind: completed} | {kind: interrupted, signal} | {kind: aborted, threshold} | {kind: failed, message}
/// exit_code         0 passed, 1 run failed, 99 thresholds failed, 128+N stopped by signal N
/// loads             [{name, model, planned?, started, dropped}]
/// metrics           [{name, kind, tags{}, values{…}, histogram?}] sorted by name, then tags
/// thresholds        [{key, criterion, passed, value?, unit, comparison, bound, abort_on_fail, delay_abort_eval?, reason?}]
/// ```
///
/// A series' `values` hold what fits its kind (durations in seconds): trend — count, sum, avg, min, med, max, p90,
/// p95, p99, p99_9; counter — count (the sum), rate (per second); rate — count (true samples), total, rate (share);
/// gauge — value, min, max. Trends add `histogram`: `{unit: "us", lowest_discernible, highest_trackable,
/// significant_digits, counts: [[value, count], …]}` with one pair per non-empty bucket.
struct ResultsDocument: Codable {
    static let formatName = "stampede-results"
    static let currentVersion = 1

    var format: String
    var version: Int
    var scenario: String
    var file: String
    var seed: UInt64
    var startedAt: String
    var startedAtUnix: Double
    var plannedDuration: Double
    var elapsed: Double
    var stopReason: StopReason
    var exitCode: Int32
    var loads: [LoadTally]
    var metrics: [SeriesDocument]
    var thresholds: [ThresholdVerdict]

    init(_ results: RunResults) {
        format = Self.formatName
        version = Self.currentVersion
        scenario = results.scenario
        file = results.file
        seed = results.seed
        startedAt = Self.isoText(results.startedAt)
        startedAtUnix = results.startedAt.timeIntervalSince1970
        plannedDuration = results.plannedDuration
        elapsed = results.elapsed
        stopReason = results.stopReason
        exitCode = results.exitCode
        loads = results.loads
        metrics = results.store.series
            .sorted { ($0.key.name, $0.key.tags.description) < ($1.key.name, $1.key.tags.description) }
            .map { SeriesDocument($0.key, $0.value, elapsed: results.elapsed) }
        thresholds = results.verdicts
    }

    /// The run these results describe.
    func results() throws -> RunResults {
        guard format == Self.formatName, version == Self.currentVersion else {
            throw ResultsDecodingError.unsupportedFormat(format: format, version: version)
        }
        return RunResults(
            scenario: scenario, file: file, seed: seed, startedAt: Date(timeIntervalSince1970: startedAtUnix),
            plannedDuration: plannedDuration, elapsed: elapsed, stopReason: stopReason, loads: loads,
            store: try SeriesRestorer.restore(metrics), verdicts: thresholds)
    }

    /// `2025-11-26T04:22:00.123Z`.
    static func isoText(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    private enum CodingKeys: String, CodingKey {
        case format, version, scenario, file, seed, elapsed, loads, metrics, thresholds
        case startedAt = "started_at"
        case startedAtUnix = "started_at_unix"
        case plannedDuration = "planned_duration"
        case stopReason = "stop_reason"
        case exitCode = "exit_code"
    }
}
