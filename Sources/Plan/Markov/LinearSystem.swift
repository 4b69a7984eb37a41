/// A dense square linear system `A x = b`, solved by Gaussian elimination with partial pivoting.
struct LinearSystem {
    /// The number of unknowns.
    let size: Int
    /// A, row-major (`size × size`).
    var matrix: [Double]
    /// b.
    var rightHandSide: [Double]

    /// The system `0 · x = 0` of `size` unknowns, to be filled in.
    init(size: Int) {
        self.size = size
        matrix = [Double](repeating: 0, count: size * size)
        rightHandSide = [Double](repeating: 0, count: size)
    }

    /// A[row, column].
    subscript(row: Int, column: Int) -> Double {
        get { matrix[row * size + column] }
        set { matrix[row * size + column] = newValue }
    }

    /// x, or `nil` when A is singular (a zero pivot) or the result is not finite.
    ///
    /// O(n³): 50 unknowns take a few microseconds.
    func solution() -> [Double]? {
        let n = size
        var a = matrix
        var x = rightHandSide
        let solved = a.withUnsafeMutableBufferPointer { a in
            x.withUnsafeMutableBufferPointer { b in Self.eliminate(n, a, b) }
        }
        return solved && x.allSatisfy(\.isFinite) ? x : nil
    }

    /// Solves in place (`b` becomes x); false on a zero pivot.
    private static func eliminate(_ n: Int, _ a: UnsafeMutableBufferPointer<Double>, _ b: UnsafeMutableBufferPointer<Double>)
        -> Bool
    {
        for column in 0..<n {
            var pivotRow = column
            var pivotMagnitude = abs(a[column * n + column])
            for row in (column + 1)..<max(n, column + 1) where abs(a[row * n + column]) > pivotMagnitude {
                pivotRow = row
                pivotMagnitude = abs(a[row * n + column])
            }
            guard pivotMagnitude > 0, pivotMagnitude.isFinite else { return false }
            if pivotRow != column {
                for k in column..<n { a.swapAt(column * n + k, pivotRow * n + k) }
                b.swapAt(column, pivotRow)
            }
            let pivot = a[column * n + column]
            for row in (column + 1)..<max(n, column + 1) {
                let factor = a[row * n + column] / pivot
                guard factor != 0 else { continue }
                a[row * n + column] = 0
                for k in (column + 1)..<n { a[row * n + k] -= factor * a[column * n + k] }
                b[row] -= factor * b[column]
            }
        }
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<n { sum -= a[row * n + k] * b[k] }
            b[row] = sum / a[row * n + row]
        }
        return true
    }
}
