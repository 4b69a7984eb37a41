import Foundation

/// The standard normal distribution's density, distribution function and quantile, accurate in both tails.
enum StandardNormal {
    /// 1 / √(2π).
    static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_94
    /// √(2π).
    static let sqrtTwoPi = 2.506_628_274_631_000_502_4

    /// The density φ(x).
    static func density(_ x: Double) -> Double {
        x.isInfinite ? 0 : inverseSqrtTwoPi * exp(-0.5 * x * x)
    }

    /// Φ(x) = P(Z ≤ x), through `erfc` so that the lower tail keeps its relative precision.
    static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x * 0.5.squareRoot())
    }

    /// 1 − Φ(x) = P(Z > x), precise in the upper tail.
    static func survival(_ x: Double) -> Double {
        0.5 * erfc(x * 0.5.squareRoot())
    }

    /// P(a ≤ Z ≤ b) for a ≤ b, computed in whichever tail keeps precision.
    static func probability(from a: Double, to b: Double) -> Double {
        guard a < b else { return 0 }
        return a > 0 ? survival(a) - survival(b) : cdf(b) - cdf(a)
    }

    /// Φ⁻¹(p): Acklam's rational approximation, refined by one Halley step (full double precision).
    ///
    /// Returns −∞ for p ≤ 0 and +∞ for p ≥ 1 (and for NaN, −∞, so callers clamping into a range stay safe).
    static func quantile(_ p: Double) -> Double {
        guard p > 0 else { return -.infinity }
        guard p < 1 else { return .infinity }
        let lowTail = 0.024_25
        var x: Double
        if p < lowTail {
            x = lowerTailApproximation(p)
        } else if p <= 1 - lowTail {
            let q = p - 0.5
            let r = q * q
            let numerator = (((((-3.969_683_028_665_376e1 * r + 2.209_460_984_245_205e2) * r - 2.759_285_104_469_687e2)
                * r + 1.383_577_518_672_690e2) * r - 3.066_479_806_614_716e1) * r + 2.506_628_277_459_239) * q
            let denominator = ((((-5.447_609_879_822_406e1 * r + 1.615_858_368_580_409e2) * r - 1.556_989_798_598_866e2)
                * r + 6.680_131_188_771_972e1) * r - 1.328_068_155_288_572e1) * r + 1
            x = numerator / denominator
        } else {
            x = -lowerTailApproximation(1 - p)
        }
        // Halley refinement against the exact Φ (through erfc).
        let error = x < 0 ? cdf(x) - p : (1 - p) - survival(x)
        let u = error * sqrtTwoPi * exp(0.5 * x * x)
        let refined = x - u / (1 + 0.5 * x * u)
        return refined.isFinite ? refined : x
    }

    /// Acklam's approximation of Φ⁻¹(p) for small p.
    private static func lowerTailApproximation(_ p: Double) -> Double {
        let q = (-2 * log(p)).squareRoot()
        let numerator = ((((-7.784_894_002_430_293e-3 * q - 3.223_964_580_411_365e-1) * q - 2.400_758_277_161_838)
            * q - 2.549_732_539_343_734) * q + 4.374_664_141_464_968) * q + 2.938_163_982_698_783
        let denominator = (((7.784_695_709_041_462e-3 * q + 3.224_671_290_700_398e-1) * q + 2.445_134_137_142_996)
            * q + 3.754_408_661_907_416) * q + 1
        return numerator / denominator
    }
}
