import PropertyBased
import StampedeModel
import StampedePlan
import Testing

/// A spec with its expected natural end.
struct NaturalEndCase: Sendable, CustomTestStringConvertible {
    let name: String
    let spec: CurveSpec
    let expected: Double?
    var testDescription: String { name }
}

private let naturalEndCases: [NaturalEndCase] = [
    .init(name: "constant", spec: .constant(1), expected: nil),
    .init(name: "hold", spec: .hold(value: 1, duration: 30), expected: 30),
    .init(name: "open hold", spec: .hold(value: 1, duration: nil), expected: nil),
    .init(name: "ramp", spec: .ramp(from: 0, to: 1, duration: 12), expected: 12),
    .init(name: "steps", spec: .steps(values: [1, 2, 3, 4], each: 2.5), expected: 10),
    .init(name: "spike", spec: .spike(count: 1, within: 4, shape: .normal, at: 6), expected: 10),
    .init(name: "sine", spec: .sine(base: 1, amplitude: 1, period: 1, phase: 0, duration: 9), expected: 9),
    .init(name: "open sine", spec: .sine(base: 1, amplitude: 1, period: 1, phase: 0, duration: nil), expected: nil),
    .init(name: "points", spec: .points([.init(time: 0, value: 1), .init(time: 7, value: 2)]), expected: 7),
    .init(name: "sequence", spec: .sequence([.hold(value: 1, duration: 3), .ramp(from: 0, to: 1, duration: 4)]),
          expected: 7),
    .init(name: "sequence ending open", spec: .sequence([.hold(value: 1, duration: 3), .constant(2)]), expected: nil),
    .init(name: "sum", spec: .sum([.hold(value: 1, duration: 3), .ramp(from: 0, to: 1, duration: 4)]), expected: 4),
    .init(name: "sum with open child", spec: .sum([.hold(value: 1, duration: 3), .constant(1)]), expected: nil),
]

private let ramp = CompiledCurve(.ramp(from: 0, to: 100, duration: 60), quantity: .rate, horizon: 60)

@Suite("Compiled curve queries")
struct CompiledCurveQueryTests {
    @Test("naturalEnd is where the spec ends when not cut", arguments: naturalEndCases)
    func naturalEnd(_ example: NaturalEndCase) {
        #expect(CompiledCurve(example.spec, quantity: .rate, horizon: 5).naturalEnd == example.expected)
    }

    @Test("value(at:) follows the shape and is 0 outside [0, horizon)")
    func values() {
        #expect(abs(ramp.value(at: 30) - 50) < 1e-12)
        #expect(ramp.value(at: -1) == 0)
        #expect(ramp.value(at: 60) == 0)
        let steps = CompiledCurve(.steps(values: [3, 7, 2], each: 10), quantity: .level, horizon: 30)
        #expect(steps.value(at: 9.999) == 3)
        #expect(steps.value(at: 10) == 7)
        #expect(steps.value(at: 25) == 2)
        let sine = CompiledCurve(.sine(base: 0, amplitude: 10, period: 4, phase: 0, duration: nil),
                                 quantity: .rate, horizon: 8)
        #expect(abs(sine.value(at: 1) - 10) < 1e-9)
        #expect(sine.value(at: 3) == 0)
    }

    @Test("Binned averages are exact slice averages")
    func binned() {
        let averages = ramp.binnedAverages(bins: 6)
        #expect(averages.count == 6)
        for (index, average) in averages.enumerated() {
            let expected = 100.0 / 60 * (Double(index) * 10 + 5)
            #expect(abs(average - expected) < 1e-9)
        }
        let spike = CompiledCurve(.spike(count: 600, within: 0, shape: .instant, at: 30), quantity: .rate,
                                  horizon: 60)
        #expect(spike.binnedAverages(bins: 2) == [0, 20])
        #expect(ramp.binnedAverages(bins: 0).isEmpty)
    }

    @Test("peak is the largest bin average")
    func peak() {
        #expect(abs(ramp.peak(binWidth: 10) - 100.0 / 60 * 55) < 1e-9)
        #expect(abs(ramp.peak(binWidth: 7) - 100.0 / 60 * 58) < 1e-9)
        let spike = CompiledCurve(.sum([.constant(10), .spike(count: 5000, within: 0, shape: .instant, at: 30)]),
                                  quantity: .rate, horizon: 60)
        #expect(abs(spike.peak(binWidth: 1) - 5010) < 1e-9)
        #expect(abs(spike.mean - (600 + 5000) / 60.0) < 1e-9)
    }

    @Test("time(atCumulative:) inverts the integral: ramp in closed form")
    func inverseRamp() {
        // ∫₀ᵗ (100/60)s ds = (100/120)t² = 750 at t = 30.
        #expect(abs(ramp.time(atCumulative: 750) - 30) < 1e-9)
        #expect(ramp.time(atCumulative: 0) == 0)
        #expect(ramp.time(atCumulative: 1e9) == 60)
    }

    @Test("time(atCumulative:) lands on a point mass")
    func inversePointMass() {
        let curve = CompiledCurve(.sum([.hold(value: 1, duration: 60), .spike(count: 100, within: 0, shape: .instant,
                                                                                at: 20)]),
                                  quantity: .rate, horizon: 60)
        #expect(abs(curve.time(atCumulative: 19.5) - 19.5) < 1e-9)
        #expect(curve.time(atCumulative: 20.5) == 20)
        #expect(curve.time(atCumulative: 119.9) == 20)
        #expect(abs(curve.time(atCumulative: 121) - 21) < 1e-9)
    }

    @Test("time(atCumulative:) is the smallest time reaching the amount, on every kind of piece")
    func inverseProperty() async {
        let specs: [CurveSpec] = [
            .ramp(from: 5, to: 100, duration: 60),
            .ramp(from: 100, to: 0, duration: 60),
            .sine(base: 3, amplitude: 10, period: 7, phase: 0.3, duration: nil),
            .spike(count: 5000, within: 10, shape: .normal, at: 20),
            .sum([.hold(value: 2, duration: nil), .spike(count: 300, within: 20, shape: .normal, at: 5)]),
            .sequence([.steps(values: [0, 4, 0, 9], each: 5), .points([.init(time: 0, value: 0),
                                                                        .init(time: 20, value: 30)])]),
        ]
        let curves = specs.map { CompiledCurve($0, quantity: .rate, horizon: 60) }
        await propertyCheck(input: Gen.int(in: 0...(curves.count - 1)), Gen.double(in: 0...1)) { index, fraction in
            let curve = curves[index]
            let amount = fraction * curve.total
            let t = curve.time(atCumulative: amount)
            #expect(t >= 0 && t <= 60)
            #expect(curve.integral(to: t) >= amount - 1e-6)
            #expect(curve.integral(to: max(t - 1e-6, 0)) <= amount + 1e-9 || t == 0)
        }
    }
}
