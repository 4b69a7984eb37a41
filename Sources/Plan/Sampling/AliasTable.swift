/// A weighted choice among `count` items in O(1) per draw: Vose's alias method.
///
/// Set-up is O(n). Each draw picks a column uniformly, then either the column's own item or its
/// alias with one coin toss; it never allocates. Items of weight 0 are never drawn.
public struct AliasTable: Sendable {
    /// For each column, the probability of keeping the column's own item.
    let keep: [Double]
    /// For each column, the item drawn otherwise.
    let alias: [Int]
    /// The normalised weights: item `i` is drawn with probability `probabilities[i]`; they sum to 1.
    public let probabilities: [Double]

    /// A table drawing item `i` with probability `weights[i] / Σ weights`.
    ///
    /// Returns `nil` when there are no weights, when a weight is negative, NaN or infinite, or when
    /// they are all 0.
    public init?(weights: [Double]) {
        guard !weights.isEmpty, weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return nil }
        // Scale by the largest weight first so that the sum cannot overflow.
        guard let largest = weights.max(), largest > 0 else { return nil }
        let scaled = weights.map { $0 / largest }
        let total = scaled.reduce(0, +)
        let probabilities = scaled.map { $0 / total }
        self.probabilities = probabilities

        let n = weights.count
        var work = probabilities.map { $0 * Double(n) }
        var keep = [Double](repeating: 1, count: n)
        var alias = Array(0..<n)
        var small: [Int] = []
        var large: [Int] = []
        for (index, value) in work.enumerated() {
            if value < 1 { small.append(index) } else { large.append(index) }
        }
        while !small.isEmpty && !large.isEmpty {
            let less = small.removeLast()
            let more = large.removeLast()
            keep[less] = work[less]
            alias[less] = more
            work[more] = (work[more] + work[less]) - 1
            if work[more] < 1 { small.append(more) } else { large.append(more) }
        }
        // Whatever is left is within rounding of a full column: it keeps its own item, except that
        // an item of weight 0 must never be drawn, so it hands its column to the most likely item.
        let mostLikely = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
        for index in small + large {
            if probabilities[index] > 0 {
                keep[index] = 1
            } else {
                keep[index] = 0
                alias[index] = mostLikely
            }
        }
        self.keep = keep
        self.alias = alias
    }

    /// The number of items.
    public var count: Int { probabilities.count }

    /// A random item index in `0..<count`, O(1).
    public func sample(using rng: inout SeededRandom) -> Int {
        let column = Int(rng.next(upperBound: UInt64(keep.count)))
        return rng.nextUnit() < keep[column] ? column : alias[column]
    }
}
