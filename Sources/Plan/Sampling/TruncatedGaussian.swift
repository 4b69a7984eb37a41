import Foundation

/// A normal distribution N(μ, σ²) truncated to `[lower, upper]`: the core of the `normal` and
/// `lognormal` (in log space) distributions.
///
/// Sampling uses rejection of Box–Muller draws (at most ``maximumTries``, then the last draw is clamped
/// into the bounds) when the bounds keep at least ``rejectionThreshold`` of the mass. When they keep
/// less — bounds deep in a tail — rejection would mostly fail, so it inverts the truncated
/// distribution function instead, which is exact and never retries.
struct TruncatedGaussian: Sendable {
    /// The most rejection tries before clamping.
    static let maximumTries = 64
    /// The least kept mass for which rejection is used (0.75⁶⁴ ≈ 10⁻⁸: clamping practically never happens).
    static let rejectionThreshold = 0.25

    /// μ.
    let mean: Double
    /// σ (> 0).
    let deviation: Double
    /// The lower bound (may be −∞).
    let lower: Double
    /// The upper bound (may be +∞, ≥ `lower`).
    let upper: Double
    /// Whether sampling inverts the distribution function rather than rejecting.
    private let inverts: Bool
    /// Whether inversion works on the mirrored variable −Z (bounds in the upper tail).
    private let mirrored: Bool
    /// Φ at the lower standardised bound, in the (possibly mirrored) frame.
    private let cdfLow: Double
    /// Φ at the upper standardised bound, in the (possibly mirrored) frame.
    private let cdfHigh: Double

    /// A truncated normal; `deviation` must be positive and finite, `lower ≤ upper`.
    init(mean: Double, deviation: Double, lower: Double, upper: Double) {
        self.mean = mean
        self.deviation = deviation
        self.lower = lower
        self.upper = upper
        let alpha = (lower - mean) / deviation
        let beta = (upper - mean) / deviation
        inverts = StandardNormal.probability(from: alpha, to: beta) < Self.rejectionThreshold
        mirrored = alpha > 0
        let (low, high) = mirrored ? (-beta, -alpha) : (alpha, beta)
        cdfLow = StandardNormal.cdf(low)
        cdfHigh = StandardNormal.cdf(high)
    }

    /// One draw, always within `[lower, upper]`.
    func sample(using rng: inout SeededRandom) -> Double {
        if inverts {
            let p = cdfLow + rng.nextUnit() * (cdfHigh - cdfLow)
            let z = StandardNormal.quantile(p)
            return clamped(mean + deviation * (mirrored ? -z : z))
        }
        var value = mean
        for _ in 0..<Self.maximumTries {
            value = mean + deviation * Self.standardNormal(using: &rng)
            if value >= lower && value <= upper { return value }
        }
        return clamped(value)
    }

    /// E[X] for the truncated variable.
    var expectedValue: Double {
        let alpha = (lower - mean) / deviation
        let beta = (upper - mean) / deviation
        let kept = StandardNormal.probability(from: alpha, to: beta)
        guard kept > 0 else { return clamped(mean) }
        let shift = (StandardNormal.density(alpha) - StandardNormal.density(beta)) / kept
        return clamped(mean + deviation * shift)
    }

    /// E[exp(X)] for the truncated variable (the mean of a truncated log-normal whose log is this).
    ///
    /// E = exp(μ + σ²/2) · P(α−σ ≤ Z ≤ β−σ) / P(α ≤ Z ≤ β).
    var expectedExponential: Double {
        let alpha = (lower - mean) / deviation
        let beta = (upper - mean) / deviation
        let kept = StandardNormal.probability(from: alpha, to: beta)
        let shifted = StandardNormal.probability(from: alpha - deviation, to: beta - deviation)
        let low = exp(lower)
        let high = exp(upper)
        guard kept > 0 else { return min(max(exp(mean), low), high) }
        // exp(μ + σ²/2) · shifted may overflow alone; combine in log space.
        let logMean = mean + 0.5 * deviation * deviation + log(shifted) - log(kept)
        let value = exp(logMean)
        guard !value.isNaN else { return min(max(exp(mean), low), high) }
        return min(max(value, low), high)
    }

    /// A standard normal draw (Box–Muller, one output; no loop).
    @inline(__always)
    static func standardNormal(using rng: inout SeededRandom) -> Double {
        let radius = (-2 * log(rng.nextOpenUnit())).squareRoot()
        return radius * cos(2 * Double.pi * rng.nextUnit())
    }

    /// `value` moved into `[lower, upper]`.
    private func clamped(_ value: Double) -> Double {
        min(max(value, lower), upper)
    }
}
