import StampedeModel

/// A `CurveSpec` compiled for fast, exact queries over one scenario.
///
/// ## Semantics
/// A curve is a function of time `t ≥ 0`, in seconds from the scenario start. The `horizon` is the
/// scenario duration: the curve is cut there and nothing at or after it counts.
/// - `constant(v)`: `v` on `[0, horizon)`.
/// - `hold(v, d)`: `v` for `d` seconds (`nil`: until the horizon).
/// - `ramp(from, to, d)`: linear from `from` to `to` over `d` seconds.
/// - `steps(values, each)`: each value held for `each` seconds, in turn.
/// - `sine(base, amp, period, phase, d)`: `base + amp × sin(2π (t + phase) / period)` for `d` seconds
///   (`nil`: until the horizon), **clipped at 0 from below**. The clipping is exact: the zero crossings
///   are solved in closed form and each positive arc integrated analytically (no numeric integration).
/// - `points([(t, v)])`: piecewise linear through the points (times ascending from 0; 0 before the first
///   point), ending at the last point.
/// - `sequence([c…])`: each child starts where the previous one ends. A child's length is its duration
///   (`hold`, `ramp`, `steps`, `points`, `sine`), `at + within` for a `spike`, and open-ended for
///   `constant` and duration-less `hold`/`sine` — children after an open-ended one never start, so
///   open-ended children are only sensible last.
/// - `sum([c…])`: all children start at the same (sequence-local) time and add up; its length is the
///   longest child's (open-ended if any child is).
/// - `spike(count N, within w, shape, at a)`: for `.rate` curves, `N` extra arrivals over `[a, a + w)`:
///   `instant` is a point mass of `N` at `a` (the integral jumps by `N`; `value(at:)` does not show it),
///   `uniform` a density of `N / w`, `normal` a Gaussian density with mean `a + w/2` and σ = `w/6`,
///   truncated to the window and renormalised so that its mass is exactly `N`. For `.level` curves,
///   `N` players join over the window with the same shape and **stay until the horizon** (also when
///   the spike sits in a sequence or sum that ends earlier): the contribution is `N × F(t − a)` with
///   `F` the shape's distribution function (a step at `a` for `instant`). A spike with `w ≤ 0` is
///   `instant`.
///
/// Shapes other than `sine` are taken as given (validation rejects negative values).
/// For `.level` curves the value is the number of players present and the integral counts
/// player-seconds; for `.rate` curves the value is events per second and the integral counts events.
///
/// Internally the curve is a sorted list of pieces between breakpoints, each a sum of simple terms
/// (linear, sine, Gaussian density, Gaussian distribution function) with exact integrals, plus point
/// masses at breakpoints, and the cumulative integral at every breakpoint. Queries are O(log pieces).
public struct CompiledCurve: Sendable {
    /// The scenario duration, in seconds: the curve is cut there.
    public let horizon: Double
    /// What the values count.
    public let quantity: CurveQuantity
    /// Where the spec ends if not cut at the horizon (seconds); `nil` when it is open-ended.
    public let naturalEnd: Double?
    /// The pieces.
    let pieces: CurvePieces

    /// Compiles `spec` as a curve of `quantity` over `[0, horizon)`.
    public init(_ spec: CurveSpec, quantity: CurveQuantity, horizon: Double) {
        var flattener = CurveFlattener(quantity: quantity, horizon: max(horizon, 0))
        naturalEnd = flattener.lay(spec, at: 0)
        self.horizon = max(horizon, 0)
        self.quantity = quantity
        pieces = CurvePieces(elements: flattener.elements, masses: flattener.masses, horizon: self.horizon)
    }

    /// The number of pieces the curve was compiled into.
    public var pieceCount: Int { pieces.count }

    /// The value at `t` (0 outside `[0, horizon)`). Point masses of rate curves are not included.
    public func value(at t: Double) -> Double {
        guard t >= 0, t < horizon else { return 0 }
        return pieces.value(in: pieces.piece(containing: t), at: t)
    }

    /// `∫₀ᵗ value`, including point masses at times `≤ t` (events for rate curves, player-seconds for
    /// level curves). Constant beyond the horizon, 0 before 0.
    public func integral(to t: Double) -> Double {
        guard t >= 0 else { return 0 }
        guard t < horizon else { return pieces.total }
        let piece = pieces.piece(containing: t)
        return pieces.cumulative(in: piece, to: t)
    }

    /// The integral over the whole horizon (`integral(to: horizon)`).
    public var total: Double { pieces.total }

    /// The average value over the horizon (`total / horizon`; 0 for an empty horizon).
    public var mean: Double { horizon > 0 ? total / horizon : 0 }

    /// The smallest `t` with `integral(to: t) ≥ c` (0 for `c ≤ integral(to: 0)`, the horizon when
    /// `c > total`). Closed form on linear pieces, safeguarded Newton to 1e-9 s otherwise.
    public func time(atCumulative c: Double) -> Double {
        var hint = -1
        return pieces.time(atCumulative: c, hint: &hint)
    }

    /// The average value in each of `bins` equal slices of `[0, horizon)`, exact (from the integral;
    /// point masses count in the slice that contains them).
    public func binnedAverages(bins: Int) -> [Double] {
        guard bins > 0, horizon > 0 else { return [] }
        let width = horizon / Double(bins)
        var result: [Double] = []
        result.reserveCapacity(bins)
        var previous = integral(before: 0)
        for bin in 0..<bins {
            let end = bin == bins - 1 ? horizon : Double(bin + 1) * width
            let next = integral(before: end)
            result.append((next - previous) / width)
            previous = next
        }
        return result
    }

    /// The largest average value over consecutive bins of `binWidth` seconds from 0 (the last bin may
    /// be shorter and is averaged over its own length). 0 when the horizon or width is empty.
    public func peak(binWidth: Double) -> Double {
        guard binWidth > 0, horizon > 0 else { return 0 }
        var best = 0.0
        var start = 0.0
        var previous = integral(before: 0)
        var bin = 0
        while start < horizon {
            let end = min(Double(bin + 1) * binWidth, horizon)
            let next = integral(before: end)
            best = max(best, (next - previous) / (end - start))
            previous = next
            start = end
            bin += 1
        }
        return best
    }

    /// `∫₀ᵗ` with point masses at times strictly before `t` (the integral over `[0, t)`).
    private func integral(before t: Double) -> Double {
        guard t > 0 else { return 0 }
        guard t < horizon else { return pieces.total }
        let piece = pieces.piece(containing: t)
        let atBreakpoint = pieces.breakpoints[piece] == t
        return pieces.cumulative(in: piece, to: t) - (atBreakpoint ? pieces.masses[piece] : 0)
    }
}
