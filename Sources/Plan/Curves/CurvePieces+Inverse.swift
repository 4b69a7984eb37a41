/// Inverting the cumulative integral: where does it reach a given amount?
extension CurvePieces {
    /// Time resolution of the numeric inversion on non-linear pieces (seconds).
    static let inverseTolerance = 1e-9

    /// The smallest `t` in `[0, horizon]` with `∫₀ᵗ ≥ amount` (the horizon when the total is smaller).
    ///
    /// `hint` is a piece index at or before the answer (e.g. the previous answer's piece when amounts
    /// increase); it is updated to the answer's piece, so ascending queries cost O(1) amortised when
    /// they stay in the same piece and O(log pieces) otherwise. `previous`, when given, is a time whose
    /// integral is at most `amount` (the previous answer of ascending queries): numeric inversion then
    /// starts from there.
    func time(atCumulative amount: Double, hint: inout Int, previous: Double = -.infinity) -> Double {
        if amount <= cumulative[0] {
            hint = 0
            return breakpoints[0]
        }
        if amount > total {
            hint = count - 1
            return breakpoints[count]
        }
        // Smallest j ≥ 1 with cumulative[j] ≥ amount; the answer lies in piece j − 1 or at breakpoints[j].
        var low = 1
        if hint >= 0, hint < count, cumulative[hint] < amount {
            low = hint + 1
            if cumulative[low] < amount { low = lowerBound(of: amount, from: low + 1) }
        } else {
            low = lowerBound(of: amount, from: 1)
        }
        let piece = low - 1
        hint = piece
        let jump = low < count ? masses[low] : 0
        if cumulative[low] - jump < amount {
            // Reached only by the point mass at the piece's end.
            hint = min(low, count - 1)
            return breakpoints[low]
        }
        return solve(in: piece, remaining: amount - cumulative[piece], previous: previous)
    }

    /// The smallest index `j ≥ from` with `cumulative[j] ≥ amount` (`count` at most).
    private func lowerBound(of amount: Double, from: Int) -> Int {
        var low = from
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < amount { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The time in `piece` where the integral from its start reaches `remaining` (> 0).
    ///
    /// Closed form for linear pieces; otherwise safeguarded Newton iteration (bisection whenever a
    /// Newton step leaves the bracket) to `inverseTolerance`.
    private func solve(in piece: Int, remaining: Double, previous: Double) -> Double {
        let start = breakpoints[piece]
        let end = breakpoints[piece + 1]
        if isLinear(piece) {
            let c0 = constant[piece]
            let c1 = slope[piece]
            // c0 τ + c1 τ² / 2 = remaining, in the cancellation-free form.
            let root = (max(c0 * c0 + 2 * c1 * remaining, 0)).squareRoot()
            let denominator = c0 + root
            if denominator > 0 {
                return min(max(start + 2 * remaining / denominator, start), end)
            }
        }
        var low = start
        var high = end
        var t: Double
        if previous > start, previous < end {
            // Start from the previous answer: one Newton step from there is usually close.
            low = previous
            let rate = value(in: piece, at: previous)
            let missing = remaining - integral(in: piece, from: start, to: previous)
            t = rate > 0 ? previous + missing / rate : .nan
            if !(t > low && t < high) { t = (previous + end) / 2 }
        } else {
            let whole = integral(in: piece, from: start, to: end)
            t = whole > 0 ? start + (end - start) * min(remaining / whole, 1) : (start + end) / 2
        }
        for _ in 0..<200 {
            let excess = integral(in: piece, from: start, to: t) - remaining
            if excess < 0 { low = t } else { high = t }
            if high - low <= Self.inverseTolerance { return high }
            let derivative = value(in: piece, at: t)
            let step = derivative > 0 ? excess / derivative : .nan
            if abs(step) <= Self.inverseTolerance / 2 { return min(max(t - step, low), high) }
            let newton = t - step
            t = newton > low && newton < high ? newton : (low + high) / 2
        }
        return high
    }
}
