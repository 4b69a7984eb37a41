import PropertyBased
import StampedeModel
import Testing

@testable import StampedePlan

@Suite("MarkovAnalysis")
struct MarkovAnalysisTests {
    static let here = SourceLocation(file: "test.yaml", line: 1, column: 1)

    static func state(_ name: String, action: String? = nil, _ transitions: [(String, Double)]) -> StateSpec {
        StateSpec(
            name: name,
            kind: action.map { .action(ActionSpec(target: "shop", action: $0)) } ?? .rendezvous(players: 2, timeout: nil),
            transitions: transitions.map { Transition(to: $0.0, probability: $0.1) },
            location: here
        )
    }

    static func behaviour(start: String = "login", _ states: [StateSpec]) -> BehaviourSpec {
        BehaviourSpec(name: "shopper", weight: 1, start: start, states: states, location: here)
    }

    /// login → browse; browse → {browse .3, purchase .1, end .6}; purchase → browse.
    ///
    /// By hand: v_login = 1; v_browse = v_login + 0.3 v_browse + v_purchase; v_purchase = 0.1 v_browse.
    /// So v_browse = 1 + 0.4 v_browse, v_browse = 1 / 0.6 = 5/3, v_purchase = 1/6.
    static let shop = behaviour([
        state("login", action: "login", [("browse", 1)]),
        state("browse", action: "browse", [("browse", 0.3), ("purchase", 0.1), ("end", 0.6)]),
        state("purchase", action: "buy", [("browse", 1)]),
        state("unused", action: "browse", [("end", 1)]),
    ])

    @Test func handComputedChain() throws {
        let analysis = MarkovAnalysis.analyse(Self.shop, from: "login")
        #expect(analysis.neverEnding.isEmpty)
        #expect(analysis.reachable == ["login", "browse", "purchase"])
        #expect(Set(analysis.expectedVisits.keys) == ["login", "browse", "purchase"])
        #expect(abs(try #require(analysis.expectedVisits["login"]) - 1) < 1e-12)
        #expect(abs(try #require(analysis.expectedVisits["browse"]) - 5.0 / 3) < 1e-12)
        #expect(abs(try #require(analysis.expectedVisits["purchase"]) - 1.0 / 6) < 1e-12)
        // `unused` also performs shop.browse, but is never visited.
        #expect(abs(try #require(analysis.expectedActions["shop.browse"]) - 5.0 / 3) < 1e-12)
        #expect(abs(try #require(analysis.expectedActions["shop.buy"]) - 1.0 / 6) < 1e-12)
        // Latency 1 s everywhere, think 2 s in browse only:
        // login 1 · 1 + browse (5/3) · (1 + 2) + purchase (1/6) · 1 = 1 + 5 + 1/6.
        let duration = analysis.expectedDuration(latency: { _ in 1 }, think: { $0.name == "browse" ? 2 : 0 })
        #expect(abs(duration - (6 + 1.0 / 6)) < 1e-12)
    }

    @Test func startingElsewhere() throws {
        let analysis = MarkovAnalysis.analyse(Self.shop, from: "purchase")
        // From purchase: v_purchase = 1 + 0.1 v_browse, v_browse = v_purchase + 0.3 v_browse → v_browse = 5/3 · 1.
        #expect(analysis.reachable == ["browse", "purchase"])
        #expect(abs(try #require(analysis.expectedVisits["browse"]) - 5.0 / 3) < 1e-12)
        #expect(abs(try #require(analysis.expectedVisits["purchase"]) - 7.0 / 6) < 1e-12)
    }

    @Test func plainSequenceVisitsEachStateOnce() {
        let behaviour = Self.behaviour(start: "a", [
            Self.state("a", action: "a", [("b", 1)]),
            Self.state("b", action: "b", [("c", 1)]),
            Self.state("c", action: "c", []),
        ])
        let analysis = MarkovAnalysis.analyse(behaviour, from: "a")
        #expect(analysis.expectedVisits == ["a": 1, "b": 1, "c": 1])
        #expect(analysis.expectedActions == ["shop.a": 1, "shop.b": 1, "shop.c": 1])
        #expect(analysis.expectedDuration(latency: { _ in 0.5 }, think: { _ in 0.25 }) == 2.25)
    }

    @Test func loopWithoutExitIsNeverEnding() {
        let behaviour = Self.behaviour(start: "a", [
            Self.state("a", [("b", 0.5), ("end", 0.5)]),
            Self.state("c", [("b", 1)]),
            Self.state("b", [("c", 1)]),
            Self.state("d", []),
        ])
        let analysis = MarkovAnalysis.analyse(behaviour, from: "a")
        #expect(analysis.neverEnding == ["c", "b"])
        #expect(analysis.expectedVisits.isEmpty)
        #expect(analysis.expectedActions.isEmpty)
        #expect(analysis.reachable == ["a", "b", "c"])
        #expect(analysis.expectedDuration(latency: { _ in 1 }, think: { _ in 0 }) == .infinity)
    }

    @Test func unknownNamesAreIgnored() {
        let behaviour = Self.behaviour(start: "a", [
            Self.state("a", [("ghost", 0.5), ("b", 0.25), ("end", 0.25)]),
            Self.state("b", [("nowhere", 1)]),
        ])
        // Without the ghost, a → {b ½, end ½}; b has no usable transition and ends.
        let analysis = MarkovAnalysis.analyse(behaviour, from: "a")
        #expect(analysis.expectedVisits == ["a": 1, "b": 0.5])
        #expect(analysis.neverEnding.isEmpty)

        let unknownStart = MarkovAnalysis.analyse(behaviour, from: "ghost")
        #expect(unknownStart.expectedVisits.isEmpty && unknownStart.reachable.isEmpty && unknownStart.neverEnding.isEmpty)
        #expect(unknownStart.expectedDuration(latency: { _ in 1 }, think: { _ in 1 }) == 0)
        #expect(MarkovAnalysis.analyse(behaviour, from: endStateName).expectedVisits.isEmpty)
    }

    @Test func probabilitiesAreNormalisedAndDuplicatesSummed() throws {
        // a → {a 2, end 2} reads as a → {a ½, end ½}: 2 visits.
        let behaviour = Self.behaviour(start: "a", [Self.state("a", [("a", 1), ("a", 1), ("end", 2), ("end", -1)])])
        let analysis = MarkovAnalysis.analyse(behaviour, from: "a")
        #expect(abs(try #require(analysis.expectedVisits["a"]) - 2) < 1e-12)
    }

    /// 50 random states: the visits solve v = e_start + Qᵀ v and are never negative.
    @Test func randomChainsSatisfyTheBalanceEquations() async {
        await propertyCheck(count: 30, input: Gen.uint64()) { seed in
            var rng = SeededRandom(seed: seed)
            let names = (0..<50).map { "s\($0)" }
            var matrix = [[Double]](repeating: [Double](repeating: 0, count: 50), count: 50)
            let states = names.indices.map { index -> StateSpec in
                let fanOut = 1 + Int(rng.next(upperBound: UInt64(4)))
                var transitions = (0..<fanOut).map { _ in
                    (names[Int(rng.next(upperBound: UInt64(50)))], 0.05 + rng.nextUnit())
                }
                transitions.append((endStateName, 0.02 + 0.2 * rng.nextUnit()))
                let total = transitions.reduce(0) { $0 + $1.1 }
                for (target, weight) in transitions where target != endStateName {
                    matrix[index][Int(target.dropFirst())!] += weight / total
                }
                return Self.state(names[index], action: "a\(index % 7)", transitions)
            }
            let analysis = MarkovAnalysis.analyse(Self.behaviour(start: "s0", states), from: "s0")
            #expect(analysis.neverEnding.isEmpty)
            for (j, name) in names.enumerated() {
                let visits = analysis.expectedVisits[name] ?? 0
                #expect(visits >= 0)
                #expect((analysis.expectedVisits[name] != nil) == analysis.reachable.contains(name))
                var balance = j == 0 ? 1.0 : 0
                for i in names.indices { balance += matrix[i][j] * (analysis.expectedVisits[names[i]] ?? 0) }
                #expect(abs(visits - balance) <= 1e-9 * max(1, visits), "state \(name)")
            }
            let actionTotal = analysis.expectedActions.values.reduce(0, +)
            let visitTotal = analysis.expectedVisits.values.reduce(0, +)
            #expect(abs(actionTotal - visitTotal) <= 1e-9 * visitTotal)
        }
    }

    @Test func linearSystemSolvesWithPivoting() throws {
        // [[0, 1], [2, 3]] x = [4, 11] needs a row swap: x = (-0.5, 4).
        var system = LinearSystem(size: 2)
        system[0, 1] = 1
        system[1, 0] = 2
        system[1, 1] = 3
        system.rightHandSide = [4, 11]
        let x = try #require(system.solution())
        #expect(abs(x[0] + 0.5) < 1e-15 && abs(x[1] - 4) < 1e-15)

        var singular = LinearSystem(size: 2)
        singular[0, 0] = 1
        singular[1, 0] = 1
        #expect(singular.solution() == nil)
    }
}
