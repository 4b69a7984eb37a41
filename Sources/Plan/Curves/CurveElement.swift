import Foundation
import StampedeModel

/// One simple shape placed on the scenario's time axis: on `[start, end)` its value is
/// `value + slope × (t − start)` plus an optional non-linear `term`.
struct CurveElement: Sendable {
    /// Where it starts (absolute seconds, already cut to `[0, horizon]`).
    var start: Double
    /// Where it ends (absolute seconds, already cut to `[0, horizon]`).
    var end: Double
    /// The linear part's value at `start`.
    var value: Double
    /// The linear part's slope (per second).
    var slope: Double
    /// A non-linear part, if any.
    var term: CurveTerm?
}

/// Lays a `CurveSpec` out on the scenario's time axis as simple elements and point masses.
///
/// See `CompiledCurve` for the semantics of each shape.
struct CurveFlattener {
    /// What the curve's values count.
    let quantity: CurveQuantity
    /// The scenario duration; nothing at or after it is kept.
    let horizon: Double
    /// The shapes laid out so far.
    private(set) var elements: [CurveElement] = []
    /// Point masses (time, count) laid out so far, all within `[0, horizon)`.
    private(set) var masses: [(time: Double, count: Double)] = []

    /// Creates an empty layout.
    init(quantity: CurveQuantity, horizon: Double) {
        self.quantity = quantity
        self.horizon = horizon
    }

    /// Lays `spec` out starting at absolute time `offset`; returns its length (`nil`: open-ended).
    @discardableResult
    mutating func lay(_ spec: CurveSpec, at offset: Double) -> Double? {
        switch spec {
        case let .constant(value):
            add(start: offset, end: .infinity, value: value)
            return nil
        case let .hold(value, duration):
            add(start: offset, end: offset + (duration ?? .infinity), value: value)
            return duration.map { max($0, 0) }
        case let .ramp(from, to, duration):
            if duration > 0 { add(start: offset, end: offset + duration, value: from, slope: (to - from) / duration) }
            return max(duration, 0)
        case let .steps(values, each):
            guard each > 0 else { return 0 }
            for (index, value) in values.enumerated() {
                let start = offset + Double(index) * each
                if start >= horizon { break }
                add(start: start, end: offset + Double(index + 1) * each, value: value)
            }
            return Double(values.count) * each
        case let .spike(count, within, shape, at):
            laySpike(count: count, within: max(within, 0), shape: shape, start: offset + at)
            return at + max(within, 0)
        case let .sine(base, amplitude, period, phase, duration):
            laySine(base: base, amplitude: amplitude, period: period, phase: phase,
                    start: offset, end: offset + (duration ?? .infinity))
            return duration.map { max($0, 0) }
        case let .points(points):
            for (left, right) in zip(points, points.dropFirst()) where right.time > left.time {
                let slope = (right.value - left.value) / (right.time - left.time)
                add(start: offset + left.time, end: offset + right.time, value: left.value, slope: slope)
            }
            return points.last.map { max($0.time, 0) } ?? 0
        case let .sequence(children):
            var cursor: Double? = offset
            var length: Double? = 0
            for child in children {
                guard let start = cursor else { break }
                let childLength = lay(child, at: start)
                cursor = childLength.map { start + $0 }
                length = childLength.flatMap { laid in length.map { $0 + laid } }
            }
            return length
        case let .sum(children):
            var length: Double? = 0
            for child in children {
                let childLength = lay(child, at: offset)
                length = childLength.flatMap { laid in length.map { max($0, laid) } }
            }
            return length
        }
    }

    /// Adds one element, cut to `[0, horizon)`; empty elements are dropped.
    private mutating func add(start: Double, end: Double, value: Double, slope: Double = 0, term: CurveTerm? = nil) {
        var element = CurveElement(start: start, end: min(end, horizon), value: value, slope: slope, term: term)
        if element.start < 0 {
            element.value += slope * (0 - element.start)
            element.start = 0
        }
        guard element.end > element.start, element.start < horizon else { return }
        if element.value == 0, element.slope == 0, element.term == nil { return }
        elements.append(element)
    }

    /// Adds a point mass if it lies within `[0, horizon)`.
    private mutating func addMass(at time: Double, count: Double) {
        guard time >= 0, time < horizon, count != 0 else { return }
        masses.append((time, count))
    }

    /// Lays out a spike over `[start, start + within)`.
    private mutating func laySpike(count: Double, within: Double, shape: SpikeShape, start: Double) {
        let end = start + within
        let effectiveShape = within > 0 ? shape : .instant
        switch (quantity, effectiveShape) {
        case (.rate, .instant):
            addMass(at: start, count: count)
        case (.rate, .uniform):
            add(start: start, end: end, value: count / within)
        case (.rate, .normal):
            let scale = count / CurveNormalMath.massWithinThreeSigma
            add(start: start, end: end, value: 0,
                term: .gaussianDensity(scale: scale, mean: start + within / 2, sigma: within / 6))
        case (.level, .instant):
            add(start: start, end: .infinity, value: count)
        case (.level, .uniform):
            add(start: start, end: end, value: 0, slope: count / within)
            add(start: end, end: .infinity, value: count)
        case (.level, .normal):
            let scale = count / CurveNormalMath.massWithinThreeSigma
            add(start: start, end: end, value: -scale * CurveNormalMath.cdfAtMinusThree,
                term: .gaussianCDF(scale: scale, mean: start + within / 2, sigma: within / 6))
            add(start: end, end: .infinity, value: count)
        }
    }

    /// Lays out `base + amplitude × sin(2π (t − start + phase) / period)` on `[start, end)`, keeping
    /// only where it is positive (each positive arc becomes one element, so integrals stay exact).
    private mutating func laySine(
        base: Double, amplitude: Double, period: Double, phase: Double, start: Double, end: Double
    ) {
        let size = abs(amplitude)
        guard period > 0, size > 0 else {
            add(start: start, end: end, value: max(base, 0))
            return
        }
        let omega = 2 * Double.pi / period
        let termPhase = phase - start
        let term = CurveTerm.sine(amplitude: amplitude, omega: omega, phase: termPhase)
        if base >= size {
            add(start: start, end: end, value: base, term: term)
            return
        }
        if base <= -size { return }
        // Positive where sin θ > −base/size, θ = ω(t + termPhase) (+π when the amplitude is negative).
        let shift = amplitude < 0 ? Double.pi : 0
        let alpha = (-base / size).clampedAsin
        let cutEnd = min(end, horizon)
        let thetaStart = omega * (max(start, 0) + termPhase) + shift
        var k = ((thetaStart - alpha) / (2 * .pi)).rounded(.down) - 1
        while true {
            let arcStart = (alpha + 2 * .pi * k - shift) / omega - termPhase
            let arcEnd = (Double.pi - alpha + 2 * .pi * k - shift) / omega - termPhase
            if arcStart >= cutEnd { break }
            let from = max(arcStart, start)
            let to = min(arcEnd, end)
            if to > from { add(start: from, end: to, value: base, term: term) }
            k += 1
        }
    }
}

extension Double {
    /// `asin` of the value clamped to [−1, 1].
    fileprivate var clampedAsin: Double {
        Foundation.asin(Swift.min(1, Swift.max(-1, self)))
    }
}
