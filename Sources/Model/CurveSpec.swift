/// A value over time: an arrival rate (events per second) or a number of players.
///
/// Curves are positioned from the start of the scenario (or of their slot in a sequence).
public indirect enum CurveSpec: Sendable, Equatable {
    /// The same value for the whole scenario.
    case constant(Double)
    /// The same value for `duration` seconds (`nil`: until the scenario ends).
    case hold(value: Double, duration: Double?)
    /// A straight line from `from` to `to` over `duration` seconds.
    case ramp(from: Double, to: Double, duration: Double)
    /// Each value held for `each` seconds, in turn.
    case steps(values: [Double], each: Double)
    /// `count` arrivals (rate curves) or players joining (player curves) within `within` seconds,
    /// starting `at` seconds into the curve, shaped as `shape`.
    case spike(count: Double, within: Double, shape: SpikeShape, at: Double)
    /// `base + amplitude × sin(2π (t + phase) / period)` for `duration` seconds (`nil`: until the end).
    case sine(base: Double, amplitude: Double, period: Double, phase: Double, duration: Double?)
    /// Piecewise linear through (time, value) points, times ascending from 0.
    case points([CurvePoint])
    /// The curves one after the other.
    case sequence([CurveSpec])
    /// The curves added together, all starting at the same time.
    case sum([CurveSpec])
}

/// One point of a `points` curve.
public struct CurvePoint: Sendable, Equatable {
    /// Seconds from the curve's start.
    public var time: Double
    /// The value there.
    public var value: Double

    /// Creates a point.
    public init(time: Double, value: Double) {
        self.time = time
        self.value = value
    }
}

/// How a spike's arrivals spread over its window.
public enum SpikeShape: String, Sendable, Equatable, CaseIterable {
    /// All at the window's start.
    case instant
    /// Evenly over the window.
    case uniform
    /// A bell centred in the window (σ = window / 6, cut at the window's edges).
    case normal
}

/// What a curve's values count.
public enum CurveQuantity: String, Sendable, Equatable {
    /// Events per second; the curve's integral is a number of events.
    case rate
    /// Players present; a spike adds players who stay.
    case level
}
