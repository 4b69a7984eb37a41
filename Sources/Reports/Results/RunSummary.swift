import StampedeMetrics

/// The end-of-run summary for a terminal: per action figures, the adapters' metrics, threshold verdicts, planned versus
/// achieved arrivals, and how the run ended.
public enum RunSummary {
    /// The summary as text, ending in a newline.
    public static func text(_ results: RunResults) -> String {
        var lines: [String] = []
        lines.append(
            "\(results.scenario) — \(results.stopReason.text) after \(MeasureText.seconds(results.elapsed)) "
                + "of \(NumberText.duration(results.plannedDuration)) planned, seed \(results.seed)")
        lines.append("  file: \(results.file)")
        lines += actionLines(ActionStats.compute(results.store, elapsed: results.elapsed))
        lines += CustomMetricsTable.lines(results.store, elapsed: results.elapsed)
        lines += thresholdLines(results.verdicts)
        lines += loadLines(results.loads)
        lines.append("")
        lines.append(outcome(results))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `Actions` table: count, rate, error share and latency percentiles of successful samples per action.
    static func actionLines(_ stats: [ActionStats]) -> [String] {
        guard !stats.isEmpty else { return ["", "Actions: none performed"] }
        let dash = "–"
        let rows = stats.map { action -> [String] in
            let latency = action.latency.map { [$0.p50, $0.p90, $0.p95, $0.p99, $0.max].map(MeasureText.seconds) }
                ?? Array(repeating: dash, count: 5)
            return [action.action, NumberText.count(action.requests), NumberText.amount(action.perSecond),
                    action.errorRate.map(MeasureText.fraction) ?? dash] + latency
        }
        return ["", "Actions (latency of successful actions)"]
            + TextTable.render(["action", "count", "rate/s", "errors", "p50", "p90", "p95", "p99", "max"], rows)
    }

    /// One line per criterion: `✓ KEY: CRITERION — measured`.
    static func thresholdLines(_ verdicts: [ThresholdVerdict]) -> [String] {
        guard !verdicts.isEmpty else { return [] }
        return ["", "Thresholds"] + verdicts.map { verdict in
            let mark = verdict.passed ? "✓" : "✗"
            let abort = verdict.abortOnFail ? " (abortOnFail)" : ""
            return "  \(mark) \(verdict.name) — \(MeasureText.measured(verdict))\(abort)"
        }
    }

    /// The `Loads` table: planned and started arrivals, the share achieved, and drops.
    static func loadLines(_ loads: [LoadTally]) -> [String] {
        guard !loads.isEmpty else { return [] }
        let rows = loads.map { load -> [String] in
            let planned = load.planned.map { NumberText.count(Double($0)) } ?? "–"
            let achieved = load.planned.flatMap { $0 > 0 ? MeasureText.fraction(Double(load.started) / Double($0)) : nil } ?? "–"
            return [load.name, load.model, planned, NumberText.count(Double(load.started)), achieved,
                    NumberText.count(Double(load.dropped))]
        }
        return ["", "Loads"] + TextTable.render(["load", "model", "planned", "started", "achieved", "dropped"], rows)
    }

    /// `Result: completed; 1 of 3 thresholds failed (exit 99)`.
    static func outcome(_ results: RunResults) -> String {
        let failed = results.verdicts.count { !$0.passed }
        let thresholds =
            results.verdicts.isEmpty ? "no thresholds"
            : failed == 0 ? "all \(results.verdicts.count) thresholds passed"
            : "\(failed) of \(results.verdicts.count) thresholds failed"
        return "Result: \(results.stopReason.text); \(thresholds) (exit \(results.exitCode))"
    }
}
