import StampedeModel

/// Numbers and durations as people read them in reports: `12,345`, `3.4`, `1h30m`.
public enum NumberText {
    /// A count with thousands separators, rounded to a whole number.
    public static func count(_ value: Double) -> String {
        guard value.isFinite else { return "∞" }
        guard abs(value) < 1e15 else { return String(value) }
        let whole = Int64(value.rounded())
        let digits = String(abs(whole))
        var grouped = ""
        for (index, char) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(char)
        }
        return (whole < 0 ? "-" : "") + grouped
    }

    /// A count, or a rate with up to 3 significant decimals below 100 (`0.333`, `12.5`, `1,250`).
    public static func amount(_ value: Double) -> String {
        guard value.isFinite else { return "∞" }
        if abs(value) >= 100 || value == value.rounded() { return count(value) }
        let magnitude = abs(value)
        let decimals = magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        var text = fixed(decimals, value)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A percentage of a fraction: `45.2%`.
    public static func percent(_ fraction: Double) -> String {
        fixed(1, fraction * 100) + "%"
    }

    /// Seconds as `250ms`, `42s`, `5m`, `1h30m`, `2.5s`.
    public static func duration(_ seconds: Double) -> String {
        seconds.isFinite ? seconds.durationText : "∞"
    }

    /// `value` with a fixed number of decimals, without Foundation's locale.
    private static func fixed(_ decimals: Int, _ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return String(value) }
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let scaled = (abs(value) * factor).rounded()
        let integer = Int64(scaled / factor)
        let fraction = Int64(scaled) - integer * Int64(factor)
        var text = String(integer)
        if decimals > 0 {
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: decimals - fractionText.count) + fractionText
        }
        return (value < 0 && scaled > 0 ? "-" : "") + text
    }
}
