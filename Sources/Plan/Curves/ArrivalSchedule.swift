import Foundation
import StampedeModel

/// Arrival times drawn lazily from a curve, slice by slice, never materialising the whole schedule.
///
/// The cumulative expected number of arrivals is `C(t) = scale × curve.integral(to: t)` (the scale lets
/// a level curve of players times a per-player rate act as an arrival rate). The planned count is
/// `N = C(horizon)` rounded to the nearest integer, once.
/// - `.even`: the k-th arrival (k = 1…N) is where `C` reaches `k − ½`.
/// - `.poisson`: N points of a Poisson process along `C` conditioned on its count N: sorted uniform
///   points of `[0, C(horizon)]`, generated in order as order statistics
///   (`U(k) = 1 − (1 − U(k−1)) × V^(1/(N−k+1))`), mapped through the inverse of `C`.
///
/// Each arrival costs O(1) amortised (plus O(log pieces) when it moves to another piece) and allocates
/// nothing. The same seed gives identical times.
public struct ArrivalSchedule: Sendable {
    /// The curve arrivals follow.
    public let curve: CompiledCurve
    /// The factor applied to the curve's integral.
    public let scale: Double
    /// How arrivals are spaced.
    public let process: ArrivalProcess
    /// The number of arrivals over the whole horizon.
    public let plannedCount: Int
    /// The number of arrivals handed out so far.
    public private(set) var issued = 0

    /// `C(horizon) / scale`: the curve integral spanned by the uniform points (poisson).
    private let span: Double
    /// The piece of the last arrival, to make ascending look-ups cheap.
    private var hint = 0
    /// The last arrival's time (a lower bound for the next one).
    private var lastTime = -Double.infinity
    /// The next arrival's time once computed but not yet handed out.
    private var pending: Double?
    /// `1 − U(issued)`: the fraction of `span` not yet passed (poisson).
    private var remainingFraction = 1.0
    /// The random source (poisson).
    private var random: SeededRandom

    /// Prepares the arrivals of `curve` scaled by `scale` (negative scales count as 0).
    public init(curve: CompiledCurve, scale: Double = 1, process: ArrivalProcess, seed: UInt64) {
        self.curve = curve
        self.scale = max(scale, 0)
        self.process = process
        let expected = self.scale * curve.total
        plannedCount = expected.isFinite && expected > 0 ? Int(expected.rounded()) : 0
        span = curve.total
        random = SeededRandom(seed: seed)
    }

    /// Appends to `buffer`, in order, every arrival not yet handed out whose time is `< t`.
    ///
    /// Consecutive calls with increasing `t` never lose or duplicate an arrival.
    public mutating func next(before t: Double, into buffer: inout [Double]) {
        while let time = peek(), time < t {
            buffer.append(time)
            pending = nil
            issued += 1
        }
    }

    /// The next arrival's time, or `nil` once all `plannedCount` arrivals were handed out.
    public mutating func nextArrival() -> Double? {
        guard let time = peek() else { return nil }
        pending = nil
        issued += 1
        return time
    }

    /// The next arrival's time without handing it out.
    private mutating func peek() -> Double? {
        if let pending { return pending }
        guard issued < plannedCount else { return nil }
        let amount: Double
        switch process {
        case .even:
            amount = (Double(issued) + 0.5) / scale
        case .poisson:
            let left = Double(plannedCount - issued)
            remainingFraction *= Self.minimumShrink(among: left, using: &random)
            amount = span * (1 - remainingFraction)
        }
        let time = curve.pieces.time(atCumulative: amount, hint: &hint, previous: lastTime)
        pending = time
        lastTime = time
        return time
    }

    /// `V^(1/m)` with `V` uniform in (0, 1]: the fraction of the remaining range left after the
    /// smallest of `m` uniform points.
    @inline(__always)
    private static func minimumShrink(among m: Double, using generator: inout SeededRandom) -> Double {
        let v = generator.nextOpenUnit()
        return m == 1 ? v : exp(log(v) / m)
    }
}
