import Foundation
import StampedePlan

/// Renders a ``PlanSummary`` for people (text with charts) and for programs (JSON).
public enum PlanReport {
    /// The summary as stable, pretty-printed JSON with sorted keys and snake_case names.
    public static func json(_ summary: PlanSummary) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(summary) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The summary as text for a terminal.
    public static func text(_ summary: PlanSummary) -> String {
        var lines: [String] = []
        lines.append("\(summary.scenario) — \(NumberText.duration(summary.durationSeconds)), seed \(summary.seed)")
        lines.append("  file: \(summary.file)")
        for load in summary.loads { lines += loadLines(load, duration: summary.durationSeconds) }
        lines.append("")
        lines.append("Behaviours")
        lines += table(
            ["behaviour", "runs", "actions/run", "time/run", "actions"],
            summary.behaviours.map {
                [$0.name, NumberText.count($0.expectedRuns), NumberText.amount($0.actionsPerRun),
                 NumberText.duration($0.secondsPerRun), NumberText.count($0.expectedActions)]
            }
        )
        lines.append("")
        lines.append("Action mix (expected)")
        lines += table(
            ["action", "count", "share", "mean rate"],
            summary.actions.map {
                [$0.name, NumberText.count($0.expectedCount), NumberText.percent($0.share), NumberText.amount($0.meanPerSecond) + "/s"]
            }
        )
        lines.append("")
        var total = "Total: \(NumberText.count(Double(summary.totals.plannedStarts))) planned starts, "
            + "\(NumberText.count(summary.totals.expectedActions)) expected actions "
            + "(\(NumberText.amount(summary.totals.meanActionsPerSecond))/s on average)"
        if summary.totals.containsEstimates { total += "; closed-model counts are estimates" }
        lines.append(total)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func loadLines(_ load: LoadSummary, duration: Double) -> [String] {
        var lines = ["", "Load \(load.name) (\(load.model))"]
        let isRate = load.curveUnit == "per_second"
        let unit = isRate ? "/s" : " players"
        var facts = ["peak \(NumberText.amount(load.peak))\(unit)", "mean \(NumberText.amount(load.mean))\(unit)"]
        if let arrivals = load.plannedArrivals { facts.append("\(NumberText.count(Double(arrivals))) arrivals planned") }
        if let joins = load.plannedJoins { facts.append("\(NumberText.count(Double(joins))) players join") }
        if let iterations = load.estimatedIterations { facts.append("≈\(NumberText.count(iterations)) iterations (estimate)") }
        lines.append("  " + facts.joined(separator: " · "))
        for activity in load.activities {
            lines.append("  activity \(activity.behaviour).\(activity.activity): \(NumberText.count(Double(activity.plannedStarts))) starts")
        }
        if let concurrency = load.expectedConcurrency {
            let note = concurrency.latenciesDeclared ? "" : " (actions without expect: count as instant)"
            let what = load.model == "closed" ? "players looping" : "runs in progress"
            lines.append("  expected concurrency: \(NumberText.amount(concurrency.mean)) \(what), \(NumberText.amount(concurrency.peak)) at peak\(note)")
        }
        lines.append("  \(isRate ? "arrival rate" : "players") over time:")
        lines += TextChart.render(load.curve) { NumberText.amount($0) + (isRate ? "/s" : "") }.map { "  " + $0 }
        let axisWidth = (lines.last?.firstIndex(of: "└")).map { lines.last!.distance(from: lines.last!.startIndex, to: $0) } ?? 0
        let end = NumberText.duration(duration)
        let padding = max(1, load.curve.count - end.count + 1)
        lines.append(String(repeating: " ", count: axisWidth) + "0s" + String(repeating: " ", count: max(1, padding - 2)) + end)
        return lines
    }

    private static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            "  " + row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }
    }
}
