/// Why a results document could not be read back.
public enum ResultsDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The document is not a Stampede results document of a version this build reads.
    case unsupportedFormat(format: String, version: Int)
    /// A series has a kind other than `trend`, `counter`, `rate`, `gauge`.
    case unknownKind(series: String, kind: String)
    /// A series lacks a value its kind needs.
    case missingValue(series: String, value: String)
    /// A trend's histogram has another layout than the one Stampede records with (µs, lowest 1, 3 digits).
    case histogramLayout(series: String)
    /// A histogram bucket is not a `[value, count]` pair, or its counts do not add up to the trend's count.
    case histogramCounts(series: String)

    /// The problem, for people.
    public var description: String {
        switch self {
        case let .unsupportedFormat(format, version): "not a readable results document (format '\(format)', version \(version))"
        case let .unknownKind(series, kind): "series \(series) has unknown kind '\(kind)'"
        case let .missingValue(series, value): "series \(series) lacks '\(value)'"
        case .histogramLayout(let series): "series \(series) has a histogram layout other than µs, lowest 1, 3 significant digits"
        case .histogramCounts(let series): "series \(series) has histogram counts that do not add up to its count"
        }
    }
}
