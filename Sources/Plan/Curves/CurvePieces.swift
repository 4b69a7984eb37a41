/// A curve as sorted pieces between breakpoints, with exact per-piece integrals.
///
/// Piece `i` covers `[breakpoints[i], breakpoints[i + 1])`; on it the value is
/// `constant[i] + slope[i] × (t − breakpoints[i])` plus `terms[termOffsets[i] ..< termOffsets[i + 1]]`.
/// A point mass `masses[i]` sits at `breakpoints[i]`. `cumulative[i]` is the integral from 0 up to and
/// including `breakpoints[i]` (point mass there included); `cumulative.last` is the total.
struct CurvePieces: Sendable {
    /// Piece boundaries, ascending, from 0 to the horizon (`count + 1` of them).
    let breakpoints: [Double]
    /// Each piece's linear value at its start.
    let constant: [Double]
    /// Each piece's linear slope.
    let slope: [Double]
    /// Where each piece's non-linear terms start in `terms` (`count + 1` entries).
    let termOffsets: [Int]
    /// All non-linear terms, piece after piece.
    let terms: [CurveTerm]
    /// The point mass at each piece's start.
    let masses: [Double]
    /// The integral up to and including each breakpoint (`count + 1` entries).
    private(set) var cumulative: [Double] = []

    /// The number of pieces (at least 1).
    var count: Int { constant.count }
    /// The integral over `[0, horizon)` including point masses.
    var total: Double { cumulative[count] }

    /// Builds the pieces from laid-out elements and point masses over `[0, horizon)`.
    init(elements: [CurveElement], masses pointMasses: [(time: Double, count: Double)], horizon: Double) {
        let end = max(horizon, 0)
        var times: [Double] = [0, end]
        times.reserveCapacity(2 * elements.count + pointMasses.count + 2)
        for element in elements {
            times.append(element.start)
            times.append(element.end)
        }
        for mass in pointMasses { times.append(mass.time) }
        times.sort()
        var points: [Double] = []
        points.reserveCapacity(times.count)
        for time in times where time >= 0 && time <= end && time != points.last { points.append(time) }
        if points.count == 1 { points.append(end) }
        let pieceCount = points.count - 1

        var constant = [Double](repeating: 0, count: pieceCount)
        var slope = [Double](repeating: 0, count: pieceCount)
        var termOffsets = [Int](repeating: 0, count: pieceCount + 1)
        var terms: [CurveTerm] = []
        let ordered = elements.sorted { $0.start < $1.start }
        var next = 0
        var active: [CurveElement] = []
        for piece in 0..<pieceCount {
            let start = points[piece]
            active.removeAll { $0.end <= start }
            while next < ordered.count, ordered[next].start <= start {
                if ordered[next].end > start { active.append(ordered[next]) }
                next += 1
            }
            for element in active {
                constant[piece] += element.value + element.slope * (start - element.start)
                slope[piece] += element.slope
                if let term = element.term { terms.append(term) }
            }
            termOffsets[piece + 1] = terms.count
        }

        var masses = [Double](repeating: 0, count: pieceCount)
        for mass in pointMasses {
            let index = Self.lastIndex(in: points, notAfter: mass.time)
            if index < pieceCount { masses[index] += mass.count }
        }

        self.breakpoints = points
        self.constant = constant
        self.slope = slope
        self.termOffsets = termOffsets
        self.terms = terms
        self.masses = masses
        var cumulative = [Double](repeating: 0, count: pieceCount + 1)
        var running = 0.0
        for piece in 0..<pieceCount {
            running += masses[piece]
            cumulative[piece] = running
            running += integral(in: piece, from: points[piece], to: points[piece + 1])
        }
        cumulative[pieceCount] = running
        self.cumulative = cumulative
    }

    /// The largest index `i` with `sorted[i] ≤ value` (0 when none).
    static func lastIndex(in sorted: [Double], notAfter value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return max(low - 1, 0)
    }

    /// The piece containing `t`, clamped to the first and last piece. O(log pieces).
    @inline(__always)
    func piece(containing t: Double) -> Int {
        min(Self.lastIndex(in: breakpoints, notAfter: t), count - 1)
    }

    /// Whether the piece has only a linear part.
    @inline(__always)
    func isLinear(_ piece: Int) -> Bool { termOffsets[piece] == termOffsets[piece + 1] }

    /// The piece's value at `t` (its formula, even slightly outside the piece), point masses excluded.
    @inline(__always)
    func value(in piece: Int, at t: Double) -> Double {
        var result = constant[piece] + slope[piece] * (t - breakpoints[piece])
        for index in termOffsets[piece]..<termOffsets[piece + 1] { result += terms[index].value(at: t) }
        return result
    }

    /// The exact integral of the piece's formula over `[a, b]`, point masses excluded.
    @inline(__always)
    func integral(in piece: Int, from a: Double, to b: Double) -> Double {
        let origin = breakpoints[piece]
        let u = a - origin
        let v = b - origin
        var result = constant[piece] * (v - u) + 0.5 * slope[piece] * (v * v - u * u)
        for index in termOffsets[piece]..<termOffsets[piece + 1] {
            result += terms[index].integral(from: a, to: b)
        }
        return result
    }

    /// The integral from 0 to `t` inside piece `piece` (point masses at or before `t` included).
    @inline(__always)
    func cumulative(in piece: Int, to t: Double) -> Double {
        cumulative[piece] + integral(in: piece, from: breakpoints[piece], to: t)
    }
}
