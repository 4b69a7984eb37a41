import StampedeModel

/// Where a diagnostic may point in a given text.
enum LocationBounds {
    /// The most lines `text` can have for a YAML reader: every line break YAML knows counts, `\r\n` twice
    /// (an upper bound), plus one for the last line.
    static func maximumLine(of text: String) -> Int {
        1 + text.unicodeScalars.filter { ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }.count
    }

    /// The most lines raw bytes can have: newlines, carriage returns and the last bytes of the other YAML line
    /// breaks (U+0085, U+2028, U+2029), plus one.
    static func maximumLine(of bytes: [UInt8]) -> Int {
        1 + bytes.filter { [0x0A, 0x0D, 0x85, 0xA8, 0xA9].contains($0) }.count
    }

    /// Whether every diagnostic is at line ≥ 1, column ≥ 1 and not past the last line.
    static func allLocated(_ diagnostics: [Diagnostic], maximumLine: Int) -> Bool {
        diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 && $0.location.line <= maximumLine }
    }
}
