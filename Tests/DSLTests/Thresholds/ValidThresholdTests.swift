import StampedeDSL
import StampedeModel
import Testing

/// One well-formed criterion and what it must compile to.
struct ValidCase: Sendable, CustomTestStringConvertible {
    let key: String
    let text: String
    let aggregation: Aggregation
    let comparison: Comparison
    let bound: Double

    init(_ key: String, _ text: String, _ aggregation: Aggregation, _ comparison: Comparison, _ bound: Double) {
        self.key = key
        self.text = text
        self.aggregation = aggregation
        self.comparison = comparison
        self.bound = bound
    }

    var testDescription: String { "\(key): \(text)" }
}

@Suite("Valid thresholds")
struct ValidThresholdTests {
    static let cases: [ValidCase] = [
        ValidCase("latency", "p(95) < 200ms", .percentile(95), .less, 0.2),
        ValidCase("latency", "p(99.9)<=1.5s", .percentile(99.9), .lessOrEqual, 1.5),
        ValidCase("latency", "avg<100ms", .avg, .less, 0.1),
        ValidCase("latency", "med > 10ms", .med, .greater, 0.01),
        ValidCase("latency", "max <= 2s", .max, .lessOrEqual, 2),
        ValidCase("latency", "min >= 1ms", .min, .greaterOrEqual, 0.001),
        ValidCase("latency", "p(100) < 1h", .percentile(100), .less, 3600),
        ValidCase("latency", "p(0.1) > 1ms", .percentile(0.1), .greater, 0.001),
        ValidCase("latency", "  p( 90 )  <  250 ms  ", .percentile(90), .less, 0.25),
        ValidCase("latency", "count > 100", .count, .greater, 100),
        ValidCase("latency", "p(95) < 200µs", .percentile(95), .less, 0.0002),
        ValidCase("service_time", "min >= 500us", .min, .greaterOrEqual, 0.0005),
        ValidCase("iteration_duration", "p(50) < 1m30s", .percentile(50), .less, 90),
        ValidCase("schedule_lag", "p(99) <= 2m", .percentile(99), .lessOrEqual, 120),
        ValidCase("errors", "rate < 1%", .rate, .less, 0.01),
        ValidCase("errors", "rate <= 0.05", .rate, .lessOrEqual, 0.05),
        ValidCase("errors", "rate<0.1%", .rate, .less, 0.001),
        ValidCase("errors", "count < 10", .count, .less, 10),
        ValidCase("requests", "count == 0", .count, .equal, 0),
        ValidCase("requests", "rate >= 100/s", .rate, .greaterOrEqual, 100),
        ValidCase("requests", "rate > 6000/min", .rate, .greater, 100),
        ValidCase("requests", "rate < 50", .rate, .less, 50),
        ValidCase("bytes_in", "count < 1e9", .count, .less, 1e9),
        ValidCase("bytes_out", "rate < 1000000/s", .rate, .less, 1_000_000),
        ValidCase("iterations", "count >= 5000", .count, .greaterOrEqual, 5000),
        ValidCase("dropped_iterations", "count == 0", .count, .equal, 0),
        ValidCase("players_online", "value >= 1000", .value, .greaterOrEqual, 1000),
        ValidCase("players_online", "min > 0", .min, .greater, 0),
        ValidCase("in_flight", "max < 500", .max, .less, 500),
        ValidCase("match_wait", "p(95) < 30s", .percentile(95), .less, 30),
        ValidCase("queue_depth", "value > -5", .value, .greater, -5),
        ValidCase("matches", "rate > 2/min", .rate, .greater, 2.0 / 60),
        ValidCase("match_success", "rate >= 99.5%", .rate, .greaterOrEqual, 0.995),
        ValidCase("latency{action:game.login}", "p(95)<200ms", .percentile(95), .less, 0.2),
    ]

    @Test("compiles to the exact aggregation, comparison and bound", arguments: cases)
    func compiles(_ valid: ValidCase) throws {
        let (spec, diagnostics) = ThresholdFixture.compile(valid.key, [valid.text])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let criterion = try #require(spec?.criteria.first)
        #expect(criterion.aggregation == valid.aggregation)
        #expect(criterion.comparison == valid.comparison)
        #expect(ThresholdFixture.close(criterion.bound, valid.bound), "bound \(criterion.bound) ≠ \(valid.bound)")
        #expect(criterion.source == valid.text)
        #expect(criterion.location == ThresholdFixture.criterionLocation)
    }

    @Test("keeps every criterion in order, with abortOnFail and delayAbortEval")
    func keepsCriteria() throws {
        let (spec, diagnostics) = ThresholdFixture.compile(
            "latency", ["p(95) < 200ms", "p(99) < 1s"], abortOnFail: true, delayAbortEval: 30)
        #expect(diagnostics.isEmpty)
        let criteria = try #require(spec?.criteria)
        #expect(criteria.map(\.aggregation) == [.percentile(95), .percentile(99)])
        #expect(criteria.allSatisfy { $0.abortOnFail && $0.delayAbortEval == 30 })
        #expect(spec?.metric == "latency")
        #expect(spec?.location == ThresholdFixture.keyLocation)
    }

    @Test("reads tag filters with spaces, dots and quotes, located at each key")
    func readsTags() throws {
        let (spec, diagnostics) = ThresholdFixture.compile(
            #"latency{ action : game.login , status:"200",region:eu-west }"#, ["p(95) < 200ms"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let tags = try #require(spec?.tags)
        #expect(tags.map(\.key) == ["action", "status", "region"])
        #expect(tags.map(\.value) == ["game.login", "200", "eu-west"])
        #expect(tags.map(\.location.column) == [5 + 9, 5 + 31, 5 + 44])
        #expect(spec?.key == "latency{action:game.login,status:200,region:eu-west}")
    }

    @Test("accepts every scenario tag with a known value")
    func scenarioTags() {
        let (spec, diagnostics) = ThresholdFixture.compile(
            "requests{target:api,behaviour:hardcore,state:playing,load:spike,error_kind:timeout}", ["count < 10"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(spec?.tags.count == 5)
    }
}
