import Foundation
import StampedeModel

/// Draws pauses (think times, simulated delays) from a ``DistributionSpec``, in seconds.
///
/// Semantics, per kind of distribution:
/// - `constant(v)`: always `v`.
/// - `uniform(min, max)`: uniform over `[min, max]`.
/// - `exponential(mean, max)`: exponential with the given mean; with `max`, truncated to `[0, max]`
///   (the distribution conditioned on `X ≤ max`, drawn exactly by inverting its distribution
///   function — the same law as rejection, without retries — not clamped).
/// - `normal(mean, stddev, min, max)`: normal, truncated to `[min ?? 0, max ?? +∞]` by rejection.
/// - `lognormal(median, sigma, min, max)`: `ln X ~ N(ln median, sigma²)`, truncated to
///   `[min ?? 0, max ?? +∞]` by rejection.
/// - `pacing(interval)`: `max(interval − actionDuration, 0)`, so that the state takes `interval`
///   from the start of its action (nothing when the action already took longer).
///
/// Rejection makes at most 64 tries, then clamps the last draw into the bounds; when the bounds keep
/// less than a quarter of the mass (so rejection would mostly fail) the truncated distribution is
/// inverted instead, which is exact. Either way a draw is never NaN, never negative and never outside
/// the bounds.
///
/// A pause is never negative: every lower bound is raised to 0 (the negative part is cut off, as
/// truncation, not piled up at 0); a negative or non-finite `constant`, mean, median or interval
/// counts as 0; bounds out of order collapse onto the lower one; a zero spread (`stddev` or `sigma`
/// ≤ 0) gives the centre moved into the bounds.
///
/// Creating a sampler does the set-up work once; ``sample(using:actionDuration:)`` then neither
/// allocates nor loops more than 64 times.
public struct DistributionSampler: Sendable {
    /// The distribution, reduced to what sampling needs.
    private enum Shape: Sendable {
        case fixed(Double)
        case uniform(lower: Double, width: Double)
        /// Exponential truncated to `[0, max]`; `keptMass` = P(X ≤ max) = 1 − e^(−max/mean) (1 without a cap).
        case exponential(mean: Double, keptMass: Double, max: Double)
        case normal(TruncatedGaussian)
        /// A log-normal: `exp` of the Gaussian, moved into `[lower, upper]` against rounding.
        case lognormal(TruncatedGaussian, lower: Double, upper: Double)
        case pacing(interval: Double)
    }

    private let shape: Shape

    /// The spec it draws from.
    public let spec: DistributionSpec

    /// Prepares sampling from `spec`.
    public init(_ spec: DistributionSpec) {
        self.spec = spec
        shape = Self.shape(of: spec)
    }

    /// One pause, in seconds (≥ 0, finite unless the spec itself has an infinite bound and mean).
    ///
    /// - Parameters:
    ///   - rng: The stream to draw from (advanced by the draw; `constant` and `pacing` draw nothing).
    ///   - actionDuration: How long the state's action took, in seconds; only `pacing` uses it.
    public func sample(using rng: inout SeededRandom, actionDuration: Double = 0) -> Double {
        switch shape {
        case .fixed(let value):
            return value
        case .uniform(let lower, let width):
            return lower + width * rng.nextUnit()
        case .exponential(let mean, let keptMass, let max):
            // Inverse of F(x) = (1 − e^(−x/mean)) / keptMass on [0, max].
            let value = -mean * log1p(-keptMass * rng.nextUnit())
            return min(value, max)
        case .normal(let gaussian):
            return gaussian.sample(using: &rng)
        case .lognormal(let gaussian, let lower, let upper):
            return min(max(exp(gaussian.sample(using: &rng)), lower), upper)
        case .pacing(let interval):
            let remaining = interval - actionDuration
            return remaining > 0 ? remaining : 0
        }
    }

    /// The expected pause, in seconds: the analytic mean of the (truncated) distribution.
    ///
    /// For `pacing` it is the pause after an action that took `actionDuration`.
    public func expectedPause(actionDuration: Double = 0) -> Double {
        switch shape {
        case .fixed(let value):
            return value
        case .uniform(let lower, let width):
            return lower + 0.5 * width
        case .exponential(let mean, let keptMass, let max):
            guard keptMass < 1 else { return mean }
            // E[X | X ≤ M] = mean − M·e^(−M/mean) / (1 − e^(−M/mean)) = mean · (1 − r / (e^r − 1)), r = M/mean.
            let ratio = max / mean
            return min(mean * (1 - ratio / expm1(ratio)), max)
        case .normal(let gaussian):
            return gaussian.expectedValue
        case .lognormal(let gaussian, _, _):
            return gaussian.expectedExponential
        case .pacing(let interval):
            let remaining = interval - actionDuration
            return remaining > 0 ? remaining : 0
        }
    }

    /// Reduces a spec to its sampling shape, applying the rules for odd parameters.
    private static func shape(of spec: DistributionSpec) -> Shape {
        switch spec {
        case .constant(let value):
            return .fixed(nonNegative(value))
        case .uniform(let minimum, let maximum):
            let lower = nonNegative(minimum)
            let upper = upperBound(maximum, above: lower)
            return upper.isFinite ? .uniform(lower: lower, width: upper - lower) : .fixed(lower)
        case .exponential(let mean, let maximum):
            let mean = nonNegative(mean)
            let cap = upperBound(maximum, above: 0)
            guard mean > 0, cap > 0 else { return .fixed(0) }
            let keptMass = cap.isFinite ? -expm1(-cap / mean) : 1
            return .exponential(mean: mean, keptMass: keptMass, max: cap)
        case .normal(let mean, let deviation, let minimum, let maximum):
            let lower = nonNegative(minimum ?? 0)
            let upper = upperBound(maximum, above: lower)
            let centre = mean.isFinite ? mean : 0
            guard deviation > 0, deviation.isFinite else { return .fixed(min(max(centre, lower), upper)) }
            return .normal(TruncatedGaussian(mean: centre, deviation: deviation, lower: lower, upper: upper))
        case .lognormal(let median, let sigma, let minimum, let maximum):
            let lower = nonNegative(minimum ?? 0)
            let upper = upperBound(maximum, above: lower)
            let centre = nonNegative(median)
            guard sigma > 0, sigma.isFinite, centre > 0 else { return .fixed(min(max(centre, lower), upper)) }
            let gaussian = TruncatedGaussian(mean: log(centre), deviation: sigma, lower: log(lower), upper: log(upper))
            return .lognormal(gaussian, lower: lower, upper: upper)
        case .pacing(let interval):
            return .pacing(interval: nonNegative(interval))
        }
    }

    /// `value` if it is finite and positive, else 0.
    private static func nonNegative(_ value: Double) -> Double {
        value.isFinite && value > 0 ? value : 0
    }

    /// An upper bound: +∞ when absent or NaN, never below `lower`.
    private static func upperBound(_ value: Double?, above lower: Double) -> Double {
        guard let value, !value.isNaN else { return .infinity }
        return max(value, lower)
    }
}
