import Foundation
import StampedeModel

/// Computes a ``PlanSummary`` analytically: curve integrals for counts, the Markov chains' expected visits for the
/// action mix, and Little's law for concurrency. Nothing is materialised.
public enum PlanSummarizer {
    /// Slices of the duration in the `curve` arrays.
    public static let chartBins = 60

    /// The summary of `plan`.
    public static func summarize(_ plan: CompiledPlan) -> PlanSummary {
        let duration = plan.scenario.duration
        var runs = [Double](repeating: 0, count: plan.behaviours.count)
        var actions: [String: Double] = [:]
        var plannedStarts = 0
        var estimates = false
        var loads: [LoadSummary] = []

        var behaviourActions = [Double](repeating: 0, count: plan.behaviours.count)
        func add(_ analysis: MarkovAnalysis, of behaviour: Int, times count: Double) {
            for (action, perRun) in analysis.expectedActions {
                actions[action, default: 0] += perRun * count
                behaviourActions[behaviour] += perRun * count
            }
        }

        for load in plan.loads {
            var summary = LoadSummary(
                name: load.spec.name, model: load.spec.model.kindName, activities: [],
                curveUnit: load.curve.quantity == .rate ? "per_second" : "players",
                peak: tidy(load.curve.peak(binWidth: 1)), mean: tidy(load.curve.mean),
                curve: load.curve.binnedAverages(bins: chartBins).map(tidy)
            )
            let mixed = zip(load.behaviours, load.shares).map { (behaviour: plan.behaviours[$0], index: $0, share: $1) }
            let runLength = mixed.reduce(0) { $0 + $1.share * $1.behaviour.expectedDuration(of: $1.behaviour.run) }
            let declared = mixed.allSatisfy { $0.behaviour.declaresLatencies(in: $0.behaviour.run) }
            switch load.spec.model {
            case .open(_, let process, _):
                let count = ArrivalSchedule(curve: load.curve, process: process, seed: 0).plannedCount
                summary.plannedArrivals = count
                plannedStarts += count
                for entry in mixed {
                    runs[entry.index] += Double(count) * entry.share
                    add(entry.behaviour.run, of: entry.index, times: Double(count) * entry.share)
                }
                summary.expectedConcurrency = .init(mean: tidy(load.curve.mean * runLength), peak: tidy(summary.peak * runLength),
                                                    latenciesDeclared: declared)
            case .closed:
                let joins = joinCount(load.curve)
                summary.plannedJoins = joins
                estimates = true
                if runLength > 0 {
                    let iterations = load.curve.total / runLength
                    summary.estimatedIterations = tidy(iterations)
                    for entry in mixed {
                        runs[entry.index] += iterations * entry.share
                        add(entry.behaviour.run, of: entry.index, times: iterations * entry.share)
                    }
                }
                summary.expectedConcurrency = .init(mean: load.curve.mean, peak: summary.peak, latenciesDeclared: declared)
            case .population:
                let joins = joinCount(load.curve)
                summary.plannedJoins = joins
                plannedStarts += joins
                var concurrency = 0.0
                var peakConcurrency = 0.0
                for entry in mixed {
                    runs[entry.index] += Double(joins) * entry.share
                    add(entry.behaviour.run, of: entry.index, times: Double(joins) * entry.share)
                    for (index, activity) in entry.behaviour.spec.activities.enumerated() {
                        let scale = entry.share * activity.ratePerSecond
                        let count = ArrivalSchedule(curve: load.curve, scale: scale, process: .poisson, seed: 0).plannedCount
                        summary.activities.append(ActivitySummary(behaviour: entry.behaviour.spec.name, activity: activity.name, plannedStarts: count))
                        plannedStarts += count
                        runs[entry.index] += Double(count)
                        add(entry.behaviour.activityRuns[index], of: entry.index, times: Double(count))
                        let length = entry.behaviour.expectedDuration(of: entry.behaviour.activityRuns[index])
                        concurrency += load.curve.mean * scale * length
                        peakConcurrency += summary.peak * scale * length
                    }
                }
                summary.expectedConcurrency = .init(mean: tidy(concurrency), peak: tidy(peakConcurrency), latenciesDeclared: declared)
            }
            loads.append(summary)
        }

        let totalActions = actions.values.reduce(0, +)
        let behaviours = plan.behaviours.enumerated().map { index, behaviour in
            BehaviourSummary(
                name: behaviour.spec.name, expectedRuns: tidy(runs[index]),
                actionsPerRun: tidy(behaviour.run.expectedActions.values.reduce(0, +)),
                secondsPerRun: tidy(behaviour.expectedDuration(of: behaviour.run)),
                expectedActions: tidy(behaviourActions[index])
            )
        }
        let actionSummaries = actions.map { name, count in
            ActionSummary(name: name, expectedCount: tidy(count), share: tidy(totalActions > 0 ? count / totalActions : 0),
                          meanPerSecond: tidy(duration > 0 ? count / duration : 0))
        }.sorted { ($0.expectedCount, $1.name) > ($1.expectedCount, $0.name) }
        return PlanSummary(
            scenario: plan.scenario.name, file: plan.scenario.file, seed: plan.seed, durationSeconds: duration,
            loads: loads, behaviours: behaviours, actions: actionSummaries,
            totals: .init(plannedStarts: plannedStarts, expectedActions: tidy(totalActions),
                          meanActionsPerSecond: tidy(duration > 0 ? totalActions / duration : 0), containsEstimates: estimates)
        )
    }

    /// `value` rounded to 9 significant digits, so that documents read `3.375`, not `3.3749999999999996`.
    static func tidy(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        let scale = pow(10, 8 - floor(log10(abs(value))))
        return (value * scale).rounded() / scale
    }

    /// Players who come online over the run.
    static func joinCount(_ curve: CompiledCurve) -> Int {
        var changes = LevelChanges(curve: curve)
        var joins = 0
        while let change = changes.nextChange() {
            if change.delta > 0 { joins += change.delta }
        }
        return joins
    }
}
