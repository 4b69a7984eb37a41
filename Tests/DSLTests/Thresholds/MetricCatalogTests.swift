import PropertyBased
import StampedeDSL
import StampedeModel
import StampedePluginAPI
import Testing

@Suite("Metric catalog")
struct MetricCatalogTests {
    @Test("lists the built-in metrics with their kinds and units")
    func builtin() {
        let table = MetricCatalog.builtin.map { "\($0.name) \($0.kind.rawValue) \($0.unit.rawValue)" }
        #expect(table == [
            "latency trend duration", "service_time trend duration", "requests counter count", "errors rate fraction",
            "bytes_in counter bytes", "bytes_out counter bytes", "iterations counter count",
            "iteration_duration trend duration", "dropped_iterations counter count", "schedule_lag trend duration",
            "players_online gauge count", "in_flight gauge count",
        ])
        #expect(MetricCatalog.builtin.allSatisfy { !$0.summary.isEmpty && !$0.summary.contains("\n") })
    }

    @Test("adapter metrics join the built-in ones; trend metrics are durations; built-in names win")
    func adapterMetrics() {
        let context = MetricContext(
            adapterMetrics: [
                MetricDeclaration(name: "match_wait", kind: .trend, summary: "Queue time."),
                MetricDeclaration(name: "latency", kind: .gauge, summary: "Shadowing a built-in."),
            ],
            adapterTags: ["region", "action"], actions: [], targets: [], behaviours: [], states: [], loads: [])
        #expect(context.metric(named: "match_wait")?.unit == .duration)
        #expect(context.metric(named: "latency")?.kind == .trend)
        #expect(context.metrics.count == MetricCatalog.builtin.count + 1)
        #expect(context.tagKeys == MetricCatalog.builtinTagKeys + ["region"])
    }

    @Test("a scenario without loads says so when a load filter is used")
    func emptyNames() {
        let compiler = ThresholdCompiler(context: MetricContext(
            adapterMetrics: [], adapterTags: [], actions: [], targets: [], behaviours: [], states: [], loads: []))
        let (spec, diagnostics) = compiler.compile(
            key: "latency{load:ramp}", at: ThresholdFixture.keyLocation,
            criteria: [RawCriterion(text: "avg < 1s", location: ThresholdFixture.criterionLocation, abortOnFail: false, delayAbortEval: nil)])
        #expect(spec == nil)
        #expect(diagnostics.first?.hint == "the scenario has no loads")
    }

    @Test("p(N) < Xms reads back N and X/1000 seconds")
    func percentileProperty() async {
        await propertyCheck(input: Gen.int(in: 1...100), Gen.int(in: 0...100_000)) { percentile, milliseconds in
            let (spec, diagnostics) = ThresholdFixture.compile(
                "service_time", ["p(\(percentile)) <= \(milliseconds)ms"])
            #expect(diagnostics.isEmpty)
            #expect(spec?.criteria.first?.aggregation == .percentile(Double(percentile)))
            #expect(spec?.criteria.first.map { ThresholdFixture.close($0.bound, Double(milliseconds) / 1000) } == true)
        }
    }

    @Test("a rate bound in percent is the fraction, and above 100% it is refused")
    func percentProperty() async {
        await propertyCheck(input: Gen.int(in: 0...200)) { percent in
            let (spec, diagnostics) = ThresholdFixture.compile("errors", ["rate < \(percent)%"])
            if percent <= 100 {
                #expect(diagnostics.isEmpty)
                #expect(spec?.criteria.first.map { ThresholdFixture.close($0.bound, Double(percent) / 100) } == true)
            } else {
                #expect(spec == nil)
                #expect(diagnostics.first?.message == "bound '\(percent)%' is more than 100%")
            }
        }
    }
}
