/// Reading the units of the scenario language: durations, rates, counts and probabilities.
public enum Units {
    /// Duration units and their length in seconds.
    public static let durationUnits: [(suffix: String, seconds: Double)] = [
        ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400),
    ]
    /// Rate units (after `/`) and their length in seconds.
    public static let rateUnits: [(suffix: String, seconds: Double)] = [
        ("ms", 1e-3), ("s", 1), ("sec", 1), ("m", 60), ("min", 60), ("h", 3600), ("d", 86400),
    ]

    /// The JSON Schema pattern of a duration.
    public static let durationPattern = #"^\s*([0-9]+(\.[0-9]+)?(us|µs|ms|s|m|h|d)\s*)+$"#
    /// The JSON Schema pattern of a rate.
    public static let ratePattern = #"^\s*[0-9]+(\.[0-9]+)?\s*/\s*(ms|s|sec|m|min|h|d)\s*$"#
    /// The JSON Schema pattern of a percentage.
    public static let percentPattern = #"^\s*[0-9]+(\.[0-9]+)?\s*%\s*$"#

    /// Reads `250ms`, `1.5s`, `5m`, `1h30m` into seconds.
    public static func duration(_ text: String) -> Result<Double, UnitError> {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return .failure(UnitError("empty duration", hint: "write e.g. 30s or 5m")) }
        if Double(trimmed) != nil {
            return .failure(UnitError("duration '\(trimmed)' has no unit", hint: "write \(trimmed)s, \(trimmed)ms or \(trimmed)m"))
        }
        var rest = Substring(trimmed)
        var total = 0.0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard !digits.isEmpty, let number = Double(digits) else {
                return .failure(UnitError("'\(trimmed)' is not a duration", hint: "write e.g. 250ms, 30s, 5m or 1h30m"))
            }
            rest = rest.dropFirst(digits.count)
            let unitText = rest.prefix { $0.isLetter || $0 == "µ" }
            guard let unit = durationUnits.first(where: { $0.suffix == unitText }) else {
                let shown = unitText.isEmpty ? "no unit" : "unknown unit '\(unitText)'"
                return .failure(UnitError("duration '\(trimmed)' has \(shown)", hint: "units are us, ms, s, m, h, d"))
            }
            rest = rest.dropFirst(unitText.count).drop { $0 == " " }
            total += number * unit.seconds
        }
        guard total.isFinite else { return .failure(UnitError("duration '\(trimmed)' is too large")) }
        return .success(total)
    }

    /// Reads `200/s`, `12000/min`, `0.5/h` into events per second.
    public static func rate(_ text: String) -> Result<Double, UnitError> {
        let trimmed = text.trimmingSpaces
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            if Double(trimmed) != nil {
                return .failure(UnitError("rate '\(trimmed)' has no unit", hint: "write \(trimmed)/s or \(trimmed)/min"))
            }
            return .failure(UnitError("'\(trimmed)' is not a rate", hint: "write e.g. 200/s, 12000/min or 5/h"))
        }
        let numberText = parts[0].trimming(" ")
        let unitText = parts[1].trimming(" ")
        guard let number = Double(numberText), number.isFinite, !numberText.hasPrefix("+") else {
            return .failure(UnitError("'\(numberText)' in rate '\(trimmed)' is not a number", hint: "write e.g. 200/s"))
        }
        guard number >= 0 else { return .failure(UnitError("rate '\(trimmed)' is negative", hint: "rates are 0 or more")) }
        guard let unit = rateUnits.first(where: { $0.suffix == unitText }) else {
            return .failure(UnitError("rate '\(trimmed)' has unknown unit '\(unitText)'", hint: "units are /s, /min, /h, /d, /ms"))
        }
        return .success(number / unit.seconds)
    }

    /// Reads a non-negative number of players or events (`5000`, `1e4`).
    public static func count(_ text: String) -> Result<Double, UnitError> {
        let trimmed = text.trimmingSpaces.filter { $0 != "_" }
        guard let number = Double(trimmed), number.isFinite else {
            if trimmed.contains("/") {
                return .failure(UnitError("'\(trimmed)' is a rate, but a number of players is expected", hint: "write a plain number such as 1000"))
            }
            return .failure(UnitError("'\(trimmed)' is not a number", hint: "write a plain number such as 1000"))
        }
        guard number >= 0 else { return .failure(UnitError("'\(trimmed)' is negative", hint: "counts are 0 or more")) }
        return .success(number)
    }

    /// Reads a probability: `0.25` or `25%`, within 0...1.
    public static func probability(_ text: String) -> Result<Double, UnitError> {
        let trimmed = text.trimmingSpaces
        var value: Double?
        if trimmed.hasSuffix("%") {
            value = Double(trimmed.dropLast().trimming(" ")).map { $0 / 100 }
        } else {
            value = Double(trimmed)
        }
        guard let value, value.isFinite else {
            return .failure(UnitError("'\(trimmed)' is not a probability", hint: "write a number from 0 to 1, or a percentage such as 10%"))
        }
        guard (0...1).contains(value) else {
            return .failure(UnitError("probability \(trimmed) is outside 0…1", hint: "write a number from 0 to 1, or a percentage from 0% to 100%"))
        }
        return .success(value)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String { trimming(" \t") }

    /// The text without the given leading and trailing characters.
    func trimming(_ set: String) -> String {
        let chars = Set(set)
        let start = firstIndex { !chars.contains($0) } ?? endIndex
        let end = lastIndex { !chars.contains($0) }.map { index(after: $0) } ?? start
        return String(self[start..<Swift.max(start, end)])
    }
}
