import Foundation
import StampedeDSL
import StampedeModel
import Testing

/// `Fixtures/everything.yaml` uses every feature of the language; it must decode to exactly these values
/// (durations in seconds, rates per second).
@Suite("Decoding a scenario that uses every feature")
struct FullScenarioDecodingTests {
    typealias Harness = ValidationHarness

    /// Equal up to rounding (`250ms` is 250 × 0.001 s).
    private func close(_ value: Double?, _ expected: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= 1e-12 * max(1, abs(expected))
    }

    private func scenario() throws -> Scenario {
        let url = try #require(Harness.fixture("everything", "yaml"))
        let result = Harness.validator.validate(path: url.path)
        #expect(result.diagnostics.isEmpty, "\(Harness.listing(result))")
        return try #require(result.scenario)
    }

    @Test("top level, targets and feeders")
    func topLevel() throws {
        let scenario = try scenario()
        #expect(scenario.name == "everything")
        #expect(scenario.description == "Every feature of the language.")
        #expect(scenario.seed == 7)
        #expect(scenario.duration == 3600)
        #expect(scenario.targets.map(\.name) == ["game", "shop"])
        #expect(scenario.targets.map(\.adapter) == ["null", "null"])
        #expect(scenario.target(named: "game")?.config["delay"]?.distribution == .exponential(mean: 0.04, max: 2),
                "a distribution setting is read by the adapter's declared type")
        #expect(scenario.target(named: "shop")?.config.isEmpty == true)

        let directory = Harness.fixturesDirectory
        #expect(scenario.feeders.map(\.name) == ["users", "items", "raw"])
        #expect(scenario.feeders.map(\.path) == ["users", "items", "raw"].map { "\(directory)/\($0).csv" })
        #expect(scenario.feeders.map(\.columns) == [["id", "password"], ["item_id", "price"], ["x", "y", "z"]],
                "columns come from the CSV header (quoted, with spaces) unless given")
        #expect(scenario.feeders.map(\.header) == [true, true, false])
        #expect(scenario.feeders.map(\.order) == [.sequential, .random, .unique])
    }

    @Test("behaviours, states, actions and activities")
    func behaviours() throws {
        let scenario = try scenario()
        #expect(scenario.behaviours.map(\.name) == ["casual", "bot"])
        let casual = try #require(scenario.behaviour(named: "casual"))
        #expect(casual.weight == 3)
        #expect(casual.start == "login")
        #expect(casual.states.map(\.name) == ["login", "browse", "buy", "gather", "relog"])
        #expect(casual.activities.map(\.name) == ["chat", "trade"])
        #expect(close(casual.activities.first?.ratePerSecond, 1.0 / 300))
        #expect(close(casual.activities.last?.ratePerSecond, 12.0 / 3600))
        #expect(casual.activities.map(\.start) == ["browse", "buy"])

        let login = try #require(casual.state(named: "login")?.action)
        #expect(login.qualifiedName == "game.ok")
        #expect(login.parameters.keys.sorted() == ["delay", "returns"])
        #expect(login.parameters["delay"]?.distribution == .constant(0.02))
        #expect(login.captures == ["token": "token"])
        #expect(login.tags == ["phase": "entry"])
        #expect(close(login.expectedLatency, 0.05))
        #expect(casual.state(named: "login")?.think == .uniform(min: 1, max: 3))
        #expect(casual.state(named: "login")?.transitions.map(\.to) == ["browse", "end"])
        #expect(casual.state(named: "login")?.transitions.map(\.probability) == [0.8, 0.2])

        let browse = try #require(casual.state(named: "browse"))
        #expect(browse.action?.qualifiedName == "shop.flaky")
        guard case .normal(let mean, let stddev, let min, let max)? = browse.think else {
            Issue.record("browse's think is not normal: \(String(describing: browse.think))")
            return
        }
        #expect(mean == 2 && close(stddev, 0.5) && min == nil && max == 5)
        #expect(browse.transitions.map(\.probability) == [0.5, 0.25, 0.25])

        guard case .lognormal(let median, let sigma, let low, let high)? = casual.state(named: "buy")?.think else {
            Issue.record("buy's think is not lognormal")
            return
        }
        #expect(median == 1 && sigma == 0.5 && close(low, 0.1) && high == nil)
        #expect(casual.state(named: "buy")?.transitions.map(\.to) == ["gather"])
        #expect(casual.state(named: "buy")?.transitions.map(\.probability) == [1])

        let gather = try #require(casual.state(named: "gather"))
        guard case .rendezvous(let players, let timeout) = gather.kind else {
            Issue.record("gather is not a rendezvous")
            return
        }
        #expect(players == 10 && timeout == 30)
        #expect(gather.think == .pacing(interval: 10))

        let relog = try #require(casual.state(named: "relog"))
        #expect(relog.action?.qualifiedName == "game.ok", "merged from login with <<")
        #expect(relog.action?.captures == ["token": "token"])
        #expect(close(relog.action?.expectedLatency, 0.05))
        guard case .constant(let pause)? = relog.think else {
            Issue.record("relog's own think does not win over the merged one")
            return
        }
        #expect(close(pause, 0.25))
        #expect(relog.transitions.map(\.to) == ["end"])

        let bot = try #require(scenario.behaviour(named: "bot"))
        #expect(bot.weight == 1, "weight defaults to 1")
        #expect(bot.start == "ping", "start defaults to the first state")
        #expect(bot.state(named: "ping")?.action?.parameters["kind"]?.scalar == "timeout")
        #expect(bot.state(named: "ping")?.think == .constant(1.5))
        #expect(bot.state(named: "ping")?.transitions.isEmpty == true, "no next: means end")
    }

    @Test("load models, curves and mixes")
    func loads() throws {
        let scenario = try scenario()
        #expect(scenario.loads.map(\.name) == ["arrivals", "loop", "online", "soak"])
        guard case .open(let rate, let arrivals, let maxInFlight) = scenario.loads[0].model else {
            Issue.record("arrivals is not open")
            return
        }
        #expect(arrivals == .poisson)
        #expect(maxInFlight == 500)
        #expect(rate == .sequence([
            .ramp(from: 0, to: 100, duration: 300),
            .hold(value: 100, duration: 600),
            .steps(values: [10, 20], each: 60),
            .spike(count: 500, within: 10, shape: .normal, at: 30),
            .sine(base: 50, amplitude: 20, period: 600, phase: 60, duration: 1200),
            .points([CurvePoint(time: 0, value: 1), CurvePoint(time: 60, value: 2), CurvePoint(time: 120, value: 0)]),
            .sum([.constant(5), .hold(value: 1, duration: 1080)]),
        ]))
        #expect(scenario.loads[0].mix.map(\.behaviour) == ["casual", "bot"])
        #expect(scenario.loads[0].mix.map(\.weight) == [3, 1], "a list mix takes the behaviours' own weights")

        guard case .closed(let players) = scenario.loads[1].model else {
            Issue.record("loop is not closed")
            return
        }
        #expect(players == .sequence([.spike(count: 100, within: 60, shape: .uniform, at: 0), .constant(100)]))
        #expect(scenario.loads[1].mix.map(\.behaviour) == ["bot"])
        #expect(scenario.loads[1].mix.map(\.weight) == [2], "a mapping mix gives its own weights")

        guard case .population(let online) = scenario.loads[2].model else {
            Issue.record("online is not population")
            return
        }
        #expect(online == .constant(1000))
        #expect(scenario.loads[2].mix == [WeightedBehaviour(behaviour: "casual", weight: 3, location: scenario.loads[2].mix.first?.location)])

        guard case .closed(let soak) = scenario.loads[3].model else {
            Issue.record("soak is not closed")
            return
        }
        #expect(soak == .hold(value: 5, duration: nil))
        #expect(scenario.loads[3].mix.map(\.behaviour) == ["casual", "bot"], "no behaviours: means all of them")
        #expect(scenario.loads[3].mix.map(\.weight) == [3, 1])
    }

    @Test("thresholds")
    func thresholds() throws {
        let scenario = try scenario()
        #expect(scenario.thresholds.map(\.key) == ["latency{action:game.ok}", "errors"])
        let latency = try #require(scenario.thresholds.first)
        #expect(latency.criteria.map(\.aggregation) == [.percentile(95), .percentile(99)])
        #expect(latency.criteria.map(\.comparison) == [.less, .less])
        #expect(close(latency.criteria.first?.bound, 0.2))
        #expect(latency.criteria.last?.bound == 1)
        #expect(latency.criteria.map(\.abortOnFail) == [false, true])
        #expect(latency.criteria.last?.delayAbortEval == 60)
        let errors = try #require(scenario.thresholds.last)
        #expect(errors.criteria.first?.aggregation == .rate)
        #expect(close(errors.criteria.first?.bound, 0.01))
    }

    @Test("locations point into the file")
    func locations() throws {
        let scenario = try scenario()
        let casual = try #require(scenario.behaviour(named: "casual"))
        #expect(casual.location.line == 23 && casual.location.column == 3)
        #expect(casual.startLocation.map { [$0.line, $0.column] } == [25, 12])
        #expect(casual.state(named: "login")?.action?.location.map { [$0.line, $0.column] } == [28, 17])
        #expect(casual.state(named: "login")?.transitions.first?.location.map { [$0.line, $0.column] } == [34, 17])
        #expect(scenario.loads[0].mix.first?.location.map { [$0.line, $0.column] } == [67, 18])
        #expect(scenario.thresholds.first?.location.line == 88)
    }
}
