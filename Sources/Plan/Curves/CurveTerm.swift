import Foundation

/// One non-linear summand of a compiled curve piece, with a closed-form antiderivative.
///
/// Linear parts of a piece are merged into the piece's own coefficients; only the shapes
/// below need their own term.
enum CurveTerm: Sendable, Equatable {
    /// `amplitude × sin(omega × (t + phase))` (the sine's base is merged into the linear part).
    case sine(amplitude: Double, omega: Double, phase: Double)
    /// `scale × φ((t − mean) / sigma) / sigma`: a Gaussian density with total mass `scale`.
    case gaussianDensity(scale: Double, mean: Double, sigma: Double)
    /// `scale × Φ((t − mean) / sigma)`: a Gaussian cumulative distribution scaled by `scale`.
    case gaussianCDF(scale: Double, mean: Double, sigma: Double)

    /// The term's value at absolute time `t`.
    @inline(__always)
    func value(at t: Double) -> Double {
        switch self {
        case let .sine(amplitude, omega, phase):
            return amplitude * sin(omega * (t + phase))
        case let .gaussianDensity(scale, mean, sigma):
            return scale * CurveNormalMath.density((t - mean) / sigma) / sigma
        case let .gaussianCDF(scale, mean, sigma):
            return scale * CurveNormalMath.cdf((t - mean) / sigma)
        }
    }

    /// An antiderivative of the term at absolute time `t` (differences give exact integrals).
    @inline(__always)
    func antiderivative(at t: Double) -> Double {
        switch self {
        case let .sine(amplitude, omega, phase):
            return -amplitude / omega * cos(omega * (t + phase))
        case let .gaussianDensity(scale, mean, sigma):
            return scale * CurveNormalMath.cdf((t - mean) / sigma)
        case let .gaussianCDF(scale, mean, sigma):
            let x = (t - mean) / sigma
            // ∫Φ(x) dx = x Φ(x) + φ(x); dt = σ dx.
            return scale * sigma * (x * CurveNormalMath.cdf(x) + CurveNormalMath.density(x))
        }
    }

    /// The exact integral of the term over `[from, to]`.
    @inline(__always)
    func integral(from a: Double, to b: Double) -> Double {
        switch self {
        case let .sine(amplitude, omega, phase):
            return amplitude / omega * (cos(omega * (a + phase)) - cos(omega * (b + phase)))
        case let .gaussianDensity(scale, mean, sigma):
            return scale * CurveNormalMath.mass(from: (a - mean) / sigma, to: (b - mean) / sigma)
        case .gaussianCDF:
            return antiderivative(at: b) - antiderivative(at: a)
        }
    }
}

/// The standard normal distribution's density and distribution functions.
enum CurveNormalMath {
    /// 1 / √(2π).
    static let inverseRootTwoPi = 0.398_942_280_401_432_7
    /// Mass of the standard normal within ±3 (the window of a `normal` spike).
    static let massWithinThreeSigma = erf(3 / 2.0.squareRoot())
    /// Φ(−3): the standard normal's mass below the window of a `normal` spike.
    static let cdfAtMinusThree = cdf(-3)

    /// φ(x).
    @inline(__always)
    static func density(_ x: Double) -> Double { inverseRootTwoPi * exp(-0.5 * x * x) }

    /// Φ(x), accurate in both tails.
    @inline(__always)
    static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Φ(b) − Φ(a), computed without cancellation in the upper tail.
    @inline(__always)
    static func mass(from a: Double, to b: Double) -> Double {
        if a > 0 {
            // Both in the upper tail: use the survival function.
            return 0.5 * (erfc(a / 2.0.squareRoot()) - erfc(b / 2.0.squareRoot()))
        }
        return cdf(b) - cdf(a)
    }
}
