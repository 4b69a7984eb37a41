import Foundation
import PropertyBased
import StampedeModel
import Testing

@testable import StampedePlan

/// A distribution with the bounds its draws must stay within.
struct BoundedSpec: Sendable, CustomTestStringConvertible {
    var spec: DistributionSpec
    var lower: Double
    var upper: Double

    var testDescription: String { "\(spec)" }
}

@Suite("DistributionSampler")
struct DistributionSamplerTests {
    static let table: [BoundedSpec] = [
        BoundedSpec(spec: .constant(2.5), lower: 2.5, upper: 2.5),
        BoundedSpec(spec: .uniform(min: 1, max: 3), lower: 1, upper: 3),
        BoundedSpec(spec: .uniform(min: -1, max: 3), lower: 0, upper: 3),
        BoundedSpec(spec: .exponential(mean: 2, max: nil), lower: 0, upper: .infinity),
        BoundedSpec(spec: .exponential(mean: 2, max: 3), lower: 0, upper: 3),
        BoundedSpec(spec: .exponential(mean: 1, max: 0.01), lower: 0, upper: 0.01),
        BoundedSpec(spec: .normal(mean: 5, stddev: 2, min: nil, max: nil), lower: 0, upper: .infinity),
        BoundedSpec(spec: .normal(mean: 1, stddev: 2, min: nil, max: nil), lower: 0, upper: .infinity),
        BoundedSpec(spec: .normal(mean: 1, stddev: 1, min: 0.5, max: 1.5), lower: 0.5, upper: 1.5),
        // Bounds deep in a tail, where rejection would nearly always fail.
        BoundedSpec(spec: .normal(mean: 0, stddev: 1, min: 5, max: 6), lower: 5, upper: 6),
        BoundedSpec(spec: .normal(mean: 10, stddev: 1, min: 0, max: 7), lower: 0, upper: 7),
        BoundedSpec(spec: .normal(mean: 1, stddev: 0.5, min: 0.9, max: 0.95), lower: 0.9, upper: 0.95),
        BoundedSpec(spec: .lognormal(median: 1, sigma: 0.5, min: nil, max: nil), lower: 0, upper: .infinity),
        BoundedSpec(spec: .lognormal(median: 2, sigma: 1, min: 0.5, max: 10), lower: 0.5, upper: 10),
        BoundedSpec(spec: .lognormal(median: 1, sigma: 1, min: 20, max: nil), lower: 20, upper: .infinity),
        BoundedSpec(spec: .lognormal(median: 1, sigma: 1.5, min: nil, max: 3), lower: 0, upper: 3),
    ]

    @Test(arguments: Self.table)
    func sampleMeanMatchesExpectedPause(_ bounded: BoundedSpec) {
        let sampler = DistributionSampler(bounded.spec)
        var rng = SeededRandom(seed: 12_345)
        let n = 200_000
        var sum = 0.0
        var sumOfSquares = 0.0
        var inBounds = true
        for _ in 0..<n {
            let x = sampler.sample(using: &rng)
            inBounds = inBounds && x >= bounded.lower && x <= bounded.upper && x.isFinite
            sum += x
            sumOfSquares += x * x
        }
        #expect(inBounds)
        let mean = sum / Double(n)
        let variance = max(sumOfSquares / Double(n) - mean * mean, 0)
        let standardError = (variance / Double(n)).squareRoot()
        let expected = sampler.expectedPause()
        // Five standard errors (plus round-off for the constant).
        #expect(abs(mean - expected) <= 5 * standardError + 1e-9 * abs(expected))
    }

    /// The analytic means checked against numerical integration of the truncated densities.
    @Test(arguments: Self.table.filter {
        switch $0.spec {
        case .normal, .lognormal, .exponential: true
        default: false
        }
    })
    func expectedPauseMatchesQuadrature(_ bounded: BoundedSpec) {
        let expected = DistributionSampler(bounded.spec).expectedPause()
        let numeric: Double
        switch bounded.spec {
        case .exponential(let mean, let max):
            numeric = Self.truncatedMean(lower: 0, upper: max ?? 40 * mean, value: { $0 }) { exp(-$0 / mean) }
        case .normal(let mean, let deviation, _, _):
            let upper = min(bounded.upper, mean + 12 * deviation)
            numeric = Self.truncatedMean(lower: bounded.lower, upper: upper, value: { $0 }) {
                exp(-0.5 * (($0 - mean) / deviation) * (($0 - mean) / deviation))
            }
        case .lognormal(let median, let sigma, _, _):
            // In log space: y = ln x ~ N(ln median, σ²), value eʸ.
            let mu = log(median)
            let lower = bounded.lower > 0 ? log(bounded.lower) : mu - 12 * sigma
            let upper = bounded.upper.isFinite ? log(bounded.upper) : mu + 12 * sigma
            numeric = Self.truncatedMean(lower: lower, upper: upper, value: { exp($0) }) {
                exp(-0.5 * (($0 - mu) / sigma) * (($0 - mu) / sigma))
            }
        default:
            Issue.record("unexpected spec")
            return
        }
        #expect(abs(expected - numeric) <= 1e-7 * max(1, abs(numeric)))
    }

    @Test(arguments: [(2.0, 0.5, 1.5), (2, 2, 0), (2, 3, 0), (0.5, 0, 0.5)])
    func pacingWaitsOutTheInterval(interval: Double, actionDuration: Double, pause: Double) {
        let sampler = DistributionSampler(.pacing(interval: interval))
        var rng = SeededRandom(seed: 1)
        #expect(sampler.sample(using: &rng, actionDuration: actionDuration) == pause)
        #expect(sampler.expectedPause(actionDuration: actionDuration) == pause)
    }

    @Test func onlyPacingUsesTheActionDuration() {
        let sampler = DistributionSampler(.uniform(min: 1, max: 2))
        var a = SeededRandom(seed: 8)
        var b = SeededRandom(seed: 8)
        #expect(sampler.sample(using: &a, actionDuration: 0) == sampler.sample(using: &b, actionDuration: 10))
    }

    @Test(arguments: [
        (DistributionSpec.constant(-3), 0.0),
        (.constant(.nan), 0),
        (.normal(mean: 4, stddev: 0, min: nil, max: nil), 4),
        (.normal(mean: 4, stddev: 0, min: nil, max: 3), 3),
        (.normal(mean: -4, stddev: 0, min: nil, max: nil), 0),
        (.lognormal(median: 2, sigma: 0, min: 3, max: nil), 3),
        (.exponential(mean: 0, max: nil), 0),
        (.exponential(mean: 3, max: 0), 0),
        (.uniform(min: 5, max: 2), 5),
        (.pacing(interval: -1), 0),
    ])
    func degenerateSpecsGiveAFixedPause(spec: DistributionSpec, pause: Double) {
        let sampler = DistributionSampler(spec)
        var rng = SeededRandom(seed: 4)
        for _ in 0..<10 { #expect(sampler.sample(using: &rng) == pause) }
        #expect(sampler.expectedPause() == pause)
    }

    @Test func sameSeedSameDraws() {
        let sampler = DistributionSampler(.lognormal(median: 1, sigma: 0.8, min: nil, max: 5))
        var a = SeededRandom(seed: 77)
        var b = SeededRandom(seed: 77)
        for _ in 0..<100 { #expect(sampler.sample(using: &a) == sampler.sample(using: &b)) }
    }

    @Test func truncatedDrawsStayWithinTheirBounds() async {
        let generator = zip(
            Gen.double(in: -5...10), Gen.double(in: 0.01...5), Gen.double(in: 0...8), Gen.double(in: 0...8),
            Gen.bool, Gen.uint64()
        )
        await propertyCheck(count: 200, input: generator) { centre, spread, a, b, isLog, seed in
            let lower = min(a, b)
            let upper = max(a, b)
            let spec: DistributionSpec = isLog
                ? .lognormal(median: abs(centre) + 0.01, sigma: spread, min: lower, max: upper)
                : .normal(mean: centre, stddev: spread, min: lower, max: upper)
            let sampler = DistributionSampler(spec)
            var rng = SeededRandom(seed: seed)
            for _ in 0..<200 {
                let x = sampler.sample(using: &rng)
                #expect(x >= lower && x <= upper, "\(spec) gave \(x)")
            }
            let expected = sampler.expectedPause()
            #expect(expected >= lower && expected <= upper, "\(spec) expects \(expected)")
        }
    }

    @Test func quantileInvertsTheDistributionFunction() {
        for p in [1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.024, 0.3, 0.5, 0.7, 0.975, 0.99, 1 - 1e-10] {
            let z = StandardNormal.quantile(p)
            let back = z < 0 ? StandardNormal.cdf(z) : 1 - StandardNormal.survival(z)
            #expect(abs(back - p) <= 1e-13 * p, "p = \(p)")
        }
        #expect(StandardNormal.quantile(0) == -.infinity)
        #expect(StandardNormal.quantile(1) == .infinity)
    }

    /// ∫ value(x) w(x) dx / ∫ w(x) dx over [lower, upper], composite Simpson.
    static func truncatedMean(
        lower: Double, upper: Double, value: (Double) -> Double, weight: (Double) -> Double
    ) -> Double {
        let steps = 200_000
        let h = (upper - lower) / Double(steps)
        var numerator = 0.0
        var denominator = 0.0
        for i in 0...steps {
            let x = lower + Double(i) * h
            let factor: Double = i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2)
            let w = weight(x)
            numerator += factor * value(x) * w
            denominator += factor * w
        }
        return numerator / denominator
    }
}
