import StampedeModel
import StampedePluginAPI

/// Turns a run's measurements into one ``ThresholdVerdict`` per threshold criterion.
///
/// Rules (also available as ``rules`` for documentation):
/// 1. A threshold looks at every series of its metric whose tags match all its tag filters, merged into one value.
/// 2. For `latency` and `service_time`, when the filters do not name `outcome`, only `outcome:ok` samples count:
///    failed actions do not make latency look good or bad, and a run whose actions all failed has no latency data.
/// 3. A criterion over no data fails with the reason "no data", except `count`, which is 0.
/// 4. Trends (durations, in seconds): `avg`, `min`, `max` (exact), `med` and `p(N)` (from the HDR histogram,
///    within 0.1 %), `count` = number of samples.
/// 5. Counters: `count` = the sum; `rate` = the sum divided by the seconds elapsed.
/// 6. Rates: `rate` = true samples / all samples; `count` = true samples.
/// 7. Gauges: `value` = the current level (the sum over series), `min` and `max` = the lowest and highest level seen
///    by any series.
/// 8. An `abortOnFail` criterion stops the run when it fails on measured data (not for lack of data) at or after
///    `delayAbortEval` seconds into the run.
public enum ThresholdEvaluator {
    /// The evaluation rules, one sentence each, for documentation.
    public static let rules: [String] = [
        "A threshold looks at every series of its metric whose tags match all its tag filters, merged into one value.",
        "For latency and service_time, when the filters do not name outcome, only outcome:ok samples count; "
            + "a run whose actions all failed has no latency data.",
        "A criterion over no data fails with the reason \"no data\", except count, which is 0.",
        "Trends are durations in seconds: avg, min and max are exact, med and p(N) come from the HDR histogram "
            + "(within 0.1 %), count is the number of samples.",
        "Counters: count is the sum, rate is the sum divided by the seconds elapsed.",
        "Rates: rate is the share of true samples, count the number of true samples.",
        "Gauges: value is the current level (summed over series), min and max the lowest and highest level seen.",
        "An abortOnFail criterion stops the run when it fails on measured data (not for lack of data), "
            + "once delayAbortEval has passed.",
    ]

    /// Metrics whose thresholds count only `outcome:ok` samples unless a filter names `outcome`.
    public static let okOnlyMetrics: Set<String> = ["latency", "service_time"]

    /// One verdict per criterion of every spec, in order.
    ///
    /// - Parameters:
    ///   - specs: the scenario's thresholds.
    ///   - store: the measurements (usually ``MetricsRecorder/snapshot()``).
    ///   - elapsed: seconds since the run started (divides counters for `rate`).
    ///   - kinds: the kind of each metric the scenario knows, used to label the unit of verdicts over no data;
    ///     the kind of recorded series takes precedence.
    public static func evaluate(
        _ specs: [ThresholdSpec], store: MetricsStore, elapsed: Double, kinds: [String: MetricKind] = [:]
    ) -> [ThresholdVerdict] {
        var verdicts: [ThresholdVerdict] = []
        for spec in specs {
            let merged = store.merged(spec.metric, matching: filters(of: spec))
            let kind = merged.map(Measurement.kind(of:)) ?? kinds[spec.metric]
            for criterion in spec.criteria {
                let measured = Measurement.of(criterion.aggregation, over: merged, elapsed: elapsed, kind: kind)
                let passed = measured.value.map { criterion.comparison.holds($0, criterion.bound) } ?? false
                verdicts.append(ThresholdVerdict(
                    key: spec.key, criterion: criterion.source, passed: passed, value: measured.value,
                    unit: measured.unit, comparison: criterion.comparison.rawValue, bound: criterion.bound,
                    abortOnFail: criterion.abortOnFail, delayAbortEval: criterion.delayAbortEval,
                    reason: passed ? nil : measured.reason))
            }
        }
        return verdicts
    }

    /// The tag filters a spec is evaluated with: its own, plus `outcome:ok` for ``okOnlyMetrics`` when it does not
    /// name `outcome`.
    public static func filters(of spec: ThresholdSpec) -> [TagFilter] {
        guard okOnlyMetrics.contains(spec.metric), !spec.tags.contains(where: { $0.key == "outcome" }) else { return spec.tags }
        return spec.tags + [TagFilter(key: "outcome", value: "ok", location: spec.location)]
    }

    /// The first verdict that should stop the run `elapsed` seconds in: an `abortOnFail` criterion that failed on
    /// measured data, once its `delayAbortEval` (default 0) has passed.
    public static func shouldAbort(_ verdicts: [ThresholdVerdict], elapsed: Double) -> ThresholdVerdict? {
        verdicts.first { verdict in
            verdict.abortOnFail && !verdict.passed && verdict.value != nil && elapsed >= (verdict.delayAbortEval ?? 0)
        }
    }
}
