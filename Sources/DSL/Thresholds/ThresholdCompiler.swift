import StampedeModel
import StampedePluginAPI

/// Turns a threshold as written in YAML into a `ThresholdSpec`, checking it against the scenario's metrics,
/// tags and names.
///
/// ```yaml
/// thresholds:
///   latency{action:game.login}: [p(95) < 200ms, p(99.9) <= 1.5s]
///   errors: [rate < 1%]
///   requests{target:api}: [rate >= 100/s]
/// ```
///
/// A key is `metric` or `metric{tag:value,tag2:value2}` (see `ThresholdKeyParser`); each criterion is
/// `AGGREGATION OPERATOR VALUE` (see `CriterionParser`), and must suit the metric (see `AggregationRules`).
/// Tag keys are the built-in ones (`MetricCatalog.builtinTagKeys`) and those adapters declare; the values of
/// `action`, `target`, `behaviour`, `state` and `load` must name something in the scenario.
public struct ThresholdCompiler: Sendable {
    /// What the scenario's thresholds may refer to.
    public var context: MetricContext

    /// Creates a compiler for one scenario.
    public init(context: MetricContext) {
        self.context = context
    }

    /// Compiles one threshold.
    ///
    /// - Parameters:
    ///   - key: the key as written, located at its first character by `keyLocation`.
    ///   - criteria: the criteria written under the key.
    /// - Returns: the threshold (`nil` if any error was found) and every problem found, errors and warnings.
    public func compile(key: String, at keyLocation: SourceLocation, criteria: [RawCriterion]) -> (ThresholdSpec?, [Diagnostic]) {
        let (parsedKey, keyIssues) = ThresholdKeyParser.parse(key)
        var diagnostics = keyIssues.map { $0.diagnostic(from: keyLocation) }
        var metric: MetricInfo?
        var tags: [TagFilter] = []
        if let parsedKey {
            metric = context.metric(named: parsedKey.metric)
            if metric == nil {
                diagnostics.append(.error(
                    keyLocation.advanced(by: parsedKey.metricOffset), "unknown metric '\(parsedKey.metric)'",
                    hint: Suggestion.hint(for: parsedKey.metric, in: context.metrics.map(\.name), noun: "metrics are")))
            }
            diagnostics += checkTags(parsedKey.tags).map { $0.diagnostic(from: keyLocation) }
            tags = parsedKey.tags.map { TagFilter(key: $0.key, value: $0.value, location: keyLocation.advanced(by: $0.keyOffset)) }
        }
        if criteria.isEmpty {
            diagnostics.append(.error(keyLocation, "threshold '\(key)' has no criteria", hint: "add one, e.g. p(95) < 200ms"))
        }
        var compiled: [ThresholdCriterion] = []
        for raw in criteria {
            switch CriterionParser.parse(raw.text) {
            case .failure(let issue):
                diagnostics.append(issue.diagnostic(from: raw.location))
            case .success(let parsed):
                let issues = metric.map { check(parsed, of: raw, on: $0) } ?? []
                diagnostics += issues.map { $0.diagnostic(from: raw.location) }
                compiled.append(ThresholdCriterion(
                    source: raw.text, aggregation: parsed.aggregation, comparison: parsed.comparison,
                    bound: parsed.bound.value, abortOnFail: raw.abortOnFail, delayAbortEval: raw.delayAbortEval,
                    location: raw.location))
            }
        }
        guard let parsedKey, !diagnostics.containsErrors else { return (nil, diagnostics) }
        let spec = ThresholdSpec(metric: parsedKey.metric, tags: tags, criteria: compiled, location: keyLocation)
        return (spec, diagnostics)
    }

    /// Problems with the tag filters: unknown keys, repeated keys, values naming nothing in the scenario.
    private func checkTags(_ tags: [ParsedKey.Tag]) -> [ThresholdIssue] {
        var issues: [ThresholdIssue] = []
        var seen: Set<String> = []
        for tag in tags {
            guard context.tagKeys.contains(tag.key) else {
                issues.append(.error(
                    tag.keyOffset, "unknown tag key '\(tag.key)'",
                    hint: Suggestion.hint(for: tag.key, in: context.tagKeys, noun: "tag keys are")))
                continue
            }
            guard seen.insert(tag.key).inserted else {
                issues.append(.error(tag.keyOffset, "tag '\(tag.key)' is filtered twice", hint: "keep one \(tag.key): filter"))
                continue
            }
            guard let known = context.tagValues[tag.key], !known.contains(tag.value) else { continue }
            issues.append(.error(tag.valueOffset, "unknown \(tag.key) '\(tag.value)'", hint: valueHint(tag, known: known)))
        }
        return issues
    }

    /// How to fix an unknown tag value: the closest name, or for an unqualified action its qualified form.
    private func valueHint(_ tag: ParsedKey.Tag, known: [String]) -> String? {
        if tag.key == "action", !tag.value.contains(".") {
            let qualified = known.filter { $0.hasSuffix(".\(tag.value)") }
            if let first = qualified.first {
                return qualified.count == 1 ? "did you mean '\(first)'?" : "actions are target.action: \(qualified.joined(separator: ", "))"
            }
        }
        guard !known.isEmpty else { return "the scenario has no \(tag.key == "behaviour" ? "behaviours" : tag.key + "s")" }
        return Suggestion.hint(for: tag.value, in: known, noun: "\(tag.key == "behaviour" ? "behaviours" : tag.key + "s") are")
    }

    /// Problems with a well-formed criterion on `metric`.
    private func check(_ parsed: ParsedCriterion, of raw: RawCriterion, on metric: MetricInfo) -> [ThresholdIssue] {
        if let issue = AggregationRules.check(parsed, on: metric) { return [issue] }
        // A counter starts at 0; a criterion that 0 fails would abort the run as soon as it starts.
        if raw.abortOnFail, raw.delayAbortEval == nil, metric.kind == .counter, parsed.aggregation == .count,
            !parsed.comparison.holds(0, parsed.bound.value)
        {
            return [.warning(
                parsed.aggregationOffset,
                "'\(raw.text.trimmingSpaces)' fails when the run starts, so abortOnFail stops it at once",
                hint: "add delayAbortEval, or drop abortOnFail")]
        }
        return []
    }
}
