import PropertyBased
import Testing

@testable import StampedePlan

@Suite("AliasTable")
struct AliasTableTests {
    static let weightVectors: [[Double]] = [
        [1],
        [1, 1],
        [3, 1],
        [0.5, 0.3, 0.2],
        [1, 0, 2, 0, 7],
        [100, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        [1e-9, 1, 1e9],
        (1...20).map(Double.init),
    ]

    @Test(arguments: Self.weightVectors)
    func observedFrequenciesMatchWeights(_ weights: [Double]) throws {
        let table = try #require(AliasTable(weights: weights))
        let total = weights.reduce(0, +)
        var rng = SeededRandom(seed: 31_337)
        let n = 200_000
        var counts = [Int](repeating: 0, count: weights.count)
        for _ in 0..<n { counts[table.sample(using: &rng)] += 1 }
        for (index, weight) in weights.enumerated() {
            let p = weight / total
            #expect(abs(table.probabilities[index] - p) < 1e-12)
            let observed = Double(counts[index]) / Double(n)
            if p == 0 {
                #expect(counts[index] == 0)
            } else {
                let sigma = (p * (1 - p) / Double(n)).squareRoot()
                #expect(abs(observed - p) < 5 * sigma + 1e-12, "item \(index): \(observed) vs \(p)")
            }
        }
    }

    @Test(arguments: [[], [-1, 2], [.nan, 1], [.infinity, 1], [0, 0], [1, -0.0001]] as [[Double]])
    func invalidWeightsGiveNoTable(_ weights: [Double]) {
        #expect(AliasTable(weights: weights) == nil)
    }

    @Test func hugeWeightsDoNotOverflow() throws {
        let table = try #require(AliasTable(weights: [1e308, 1e308, 0]))
        #expect(table.probabilities == [0.5, 0.5, 0])
        #expect(table.count == 3)
    }

    /// The columns (keep probability and alias) add back up to exactly the normalised weights.
    @Test func columnsReconstructTheProbabilities() async {
        await propertyCheck(count: 200, input: Gen.double(in: 0...10).array(of: 1...40)) { weights in
            guard let table = AliasTable(weights: weights) else {
                #expect(weights.allSatisfy { $0 == 0 })
                return
            }
            let n = Double(table.count)
            var implied = table.keep.map { $0 / n }
            for (column, keep) in table.keep.enumerated() { implied[table.alias[column]] += (1 - keep) / n }
            #expect(abs(table.probabilities.reduce(0, +) - 1) < 1e-12)
            for (index, p) in table.probabilities.enumerated() {
                #expect(abs(implied[index] - p) < 1e-12)
                if p == 0 { #expect(table.keep[index] == 0 && table.probabilities[table.alias[index]] > 0) }
            }
        }
    }
}
