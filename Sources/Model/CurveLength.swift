extension CurveSpec {
    /// How long the curve lasts by itself, in seconds; `nil` when it lasts until the scenario ends
    /// (a constant, or a hold or sine without `for`).
    public var length: Double? {
        switch self {
        case .constant: nil
        case .hold(_, let duration): duration
        case .ramp(_, _, let duration): duration
        case .steps(let values, let each): Double(values.count) * each
        case .spike(_, let within, _, let at): at + within
        case .sine(_, _, _, _, let duration): duration
        case .points(let points): points.last?.time ?? 0
        case .sequence(let parts):
            parts.reduce(Double?.some(0)) { total, part in
                guard let total, let length = part.length else { return nil }
                return total + length
            }
        case .sum(let parts):
            parts.reduce(Double?.some(0)) { longest, part in
                guard let longest, let length = part.length else { return nil }
                return max(longest, length)
            }
        }
    }
}
