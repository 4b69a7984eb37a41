import Foundation
import PropertyBased
import StampedeModel
import StampedePlan
import Testing

/// A curve with its hand-computed integral over the horizon.
struct CurveIntegralCase: Sendable, CustomTestStringConvertible {
    let name: String
    let spec: CurveSpec
    let quantity: CurveQuantity
    let horizon: Double
    let expected: Double
    var testDescription: String { name }
}

/// Integral over one period of max(0, base + amplitude·sin θ), for |base| < |amplitude|.
private func clippedSinePeriodIntegral(base: Double, amplitude: Double, period: Double) -> Double {
    let alpha = asin(-base / abs(amplitude))
    let radians = base * (Double.pi - 2 * alpha) + 2 * abs(amplitude) * cos(alpha)
    return radians / (2 * Double.pi) * period
}

private let integralCases: [CurveIntegralCase] = [
    .init(name: "constant", spec: .constant(5), quantity: .rate, horizon: 100, expected: 500),
    .init(name: "hold 30 s", spec: .hold(value: 10, duration: 30), quantity: .rate, horizon: 100, expected: 300),
    .init(name: "hold open", spec: .hold(value: 10, duration: nil), quantity: .level, horizon: 100, expected: 1000),
    .init(name: "ramp 0→100/s over 60 s", spec: .ramp(from: 0, to: 100, duration: 60), quantity: .rate,
          horizon: 60, expected: 3000),
    .init(name: "ramp cut at horizon", spec: .ramp(from: 0, to: 100, duration: 60), quantity: .rate,
          horizon: 30, expected: 750),
    .init(name: "ramp down", spec: .ramp(from: 100, to: 20, duration: 40), quantity: .level, horizon: 50,
          expected: 2400),
    .init(name: "steps", spec: .steps(values: [1, 2, 3], each: 10), quantity: .rate, horizon: 100, expected: 60),
    .init(name: "steps cut", spec: .steps(values: [1, 2, 3], each: 10), quantity: .rate, horizon: 25, expected: 45),
    .init(name: "rate spike instant", spec: .spike(count: 5000, within: 10, shape: .instant, at: 30),
          quantity: .rate, horizon: 60, expected: 5000),
    .init(name: "rate spike uniform", spec: .spike(count: 5000, within: 10, shape: .uniform, at: 30),
          quantity: .rate, horizon: 60, expected: 5000),
    .init(name: "rate spike normal", spec: .spike(count: 5000, within: 10, shape: .normal, at: 30),
          quantity: .rate, horizon: 60, expected: 5000),
    .init(name: "rate spike instant at 0", spec: .spike(count: 7, within: 0, shape: .instant, at: 0),
          quantity: .rate, horizon: 10, expected: 7),
    .init(name: "rate spike after horizon", spec: .spike(count: 5000, within: 10, shape: .uniform, at: 120),
          quantity: .rate, horizon: 100, expected: 0),
    .init(name: "rate spike straddling horizon", spec: .spike(count: 100, within: 10, shape: .uniform, at: 95),
          quantity: .rate, horizon: 100, expected: 50),
    .init(name: "level spike instant", spec: .spike(count: 100, within: 10, shape: .instant, at: 10),
          quantity: .level, horizon: 60, expected: 5000),
    .init(name: "level spike uniform", spec: .spike(count: 100, within: 10, shape: .uniform, at: 10),
          quantity: .level, horizon: 60, expected: 4500),
    .init(name: "level spike normal", spec: .spike(count: 100, within: 10, shape: .normal, at: 10),
          quantity: .level, horizon: 60, expected: 4500),
    .init(name: "sine whole periods", spec: .sine(base: 10, amplitude: 5, period: 20, phase: 3, duration: 100),
          quantity: .rate, horizon: 200, expected: 1000),
    .init(name: "sine negative amplitude", spec: .sine(base: 10, amplitude: -10, period: 7, phase: 0, duration: nil),
          quantity: .level, horizon: 70, expected: 700),
    .init(name: "sine clipped half waves", spec: .sine(base: 0, amplitude: 10, period: 10, phase: 0, duration: 30),
          quantity: .rate, horizon: 30, expected: 3 * 10 * 10 / Double.pi),
    .init(name: "sine clipped with base", spec: .sine(base: 5, amplitude: 10, period: 8, phase: 1.7, duration: 80),
          quantity: .rate, horizon: 100,
          expected: 10 * clippedSinePeriodIntegral(base: 5, amplitude: 10, period: 8)),
    .init(name: "sine clipped negative amplitude",
          spec: .sine(base: -3, amplitude: -10, period: 6, phase: 0.4, duration: 60), quantity: .rate, horizon: 60,
          expected: 10 * clippedSinePeriodIntegral(base: -3, amplitude: 10, period: 6)),
    .init(name: "sine entirely negative", spec: .sine(base: -10, amplitude: 5, period: 6, phase: 0, duration: nil),
          quantity: .rate, horizon: 60, expected: 0),
    .init(name: "points", spec: .points([.init(time: 0, value: 0), .init(time: 10, value: 100),
                                         .init(time: 20, value: 100), .init(time: 30, value: 0)]),
          quantity: .rate, horizon: 100, expected: 2000),
    .init(name: "sequence", spec: .sequence([.ramp(from: 0, to: 10, duration: 10), .hold(value: 10, duration: 20),
                                             .ramp(from: 10, to: 0, duration: 10)]),
          quantity: .level, horizon: 100, expected: 300),
    .init(name: "sequence with spike", spec: .sequence([.hold(value: 1, duration: 10),
                                                        .spike(count: 100, within: 0, shape: .instant, at: 5),
                                                        .hold(value: 2, duration: 10)]),
          quantity: .rate, horizon: 100, expected: 130),
    .init(name: "sequence cut at horizon", spec: .sequence([.hold(value: 10, duration: 60),
                                                            .hold(value: 20, duration: 60)]),
          quantity: .rate, horizon: 90, expected: 1200),
    .init(name: "sequence after open-ended", spec: .sequence([.constant(2), .hold(value: 50, duration: 10)]),
          quantity: .rate, horizon: 50, expected: 100),
    .init(name: "level spike in sequence stays", spec: .sequence([.spike(count: 10, within: 0, shape: .instant, at: 0),
                                                                  .hold(value: 5, duration: 10)]),
          quantity: .level, horizon: 20, expected: 250),
    .init(name: "sum", spec: .sum([.hold(value: 10, duration: 60),
                                   .spike(count: 500, within: 10, shape: .uniform, at: 10)]),
          quantity: .rate, horizon: 100, expected: 1100),
    .init(name: "sum of sequence and sine",
          spec: .sum([.sequence([.hold(value: 1, duration: 10), .ramp(from: 1, to: 3, duration: 10)]),
                      .sine(base: 4, amplitude: 2, period: 5, phase: 0, duration: 20)]),
          quantity: .rate, horizon: 20, expected: 10 + 20 + 80),
    .init(name: "sequence of sums", spec: .sequence([.sum([.hold(value: 1, duration: 5), .hold(value: 2, duration: 10)]),
                                                     .hold(value: 4, duration: 5)]),
          quantity: .rate, horizon: 30, expected: 5 + 20 + 20),
]

@Suite("Curve integrals")
struct CurveIntegralTests {
    @Test("Total equals the hand-computed integral", arguments: integralCases)
    func total(_ example: CurveIntegralCase) {
        let curve = CompiledCurve(example.spec, quantity: example.quantity, horizon: example.horizon)
        #expect(abs(curve.total - example.expected) <= 1e-9 * max(1, example.expected))
        #expect(abs(curve.integral(to: example.horizon) - curve.total) <= 1e-12 * max(1, curve.total))
        #expect(abs(curve.integral(to: example.horizon + 50) - curve.total) <= 1e-12 * max(1, curve.total))
        #expect(abs(curve.mean - example.expected / example.horizon) <= 1e-9 * max(1, curve.mean))
    }

    @Test("The integral agrees with numerically integrating value(at:)", arguments: integralCases)
    func integralMatchesValues(_ example: CurveIntegralCase) {
        let curve = CompiledCurve(example.spec, quantity: example.quantity, horizon: example.horizon)
        // 400 cells per second, so that the (whole-second) jumps of the examples fall on cell edges.
        let steps = Int(example.horizon) * 400
        let width = example.horizon / Double(steps)
        var numeric = 0.0
        var worst = 0.0
        var masses = 0.0
        for step in 0..<steps {
            numeric += curve.value(at: (Double(step) + 0.5) * width) * width
            if step % 1000 == 999 {
                let t = Double(step + 1) * width
                masses = curve.integral(to: t) - numeric
                worst = max(worst, abs(masses - masses.rounded()))
            }
        }
        // What is left is point masses (whole numbers here) plus the midpoint rule's small error.
        #expect(worst <= 1e-2 * max(1, curve.total / 1000))
    }

    @Test("Instant rate spikes are point masses: the integral jumps at the spike")
    func pointMassJump() {
        let curve = CompiledCurve(.spike(count: 5000, within: 10, shape: .instant, at: 30), quantity: .rate, horizon: 60)
        #expect(curve.integral(to: 29.999_999) == 0)
        #expect(curve.integral(to: 30) == 5000)
        #expect(curve.value(at: 30) == 0)
        #expect(curve.naturalEnd == 40)
    }

    @Test("Level spikes stay: N·F(t − a)")
    func levelSpikeValues() {
        let normal = CompiledCurve(.spike(count: 100, within: 12, shape: .normal, at: 10), quantity: .level, horizon: 60)
        #expect(normal.value(at: 9.9) == 0)
        #expect(abs(normal.value(at: 10)) < 1e-9)
        #expect(abs(normal.value(at: 16) - 50) < 1e-9)
        #expect(abs(normal.value(at: 21.999_999_999) - 100) < 1e-6)
        #expect(normal.value(at: 40) == 100)
        let uniform = CompiledCurve(.spike(count: 100, within: 10, shape: .uniform, at: 10), quantity: .level, horizon: 60)
        #expect(abs(uniform.value(at: 12.5) - 25) < 1e-9)
        let instant = CompiledCurve(.spike(count: 100, within: 10, shape: .instant, at: 10), quantity: .level, horizon: 60)
        #expect(instant.value(at: 9.999) == 0)
        #expect(instant.value(at: 10) == 100)
    }

    @Test("Integrals of nonnegative curves never decrease")
    func monotone() async {
        await propertyCheck(input: Gen.int(in: 0...(integralCases.count - 1)), Gen.double(in: 0...1).array(of: 2)) {
            index, fractions in
            let example = integralCases[index]
            let curve = CompiledCurve(example.spec, quantity: example.quantity, horizon: example.horizon)
            let times = fractions.map { $0 * example.horizon }.sorted()
            #expect(curve.integral(to: times[0]) <= curve.integral(to: times[1]) + 1e-9)
        }
    }
}
