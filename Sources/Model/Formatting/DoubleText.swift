extension Double {
    /// The shortest decimal text: `95`, `99.9`, `1e+20`.
    public var compactText: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }

    /// Rounded to 6 decimals for messages: `0.9`, `0.15`.
    public var roundedText: String {
        guard isFinite, abs(self) < 1e15 else { return String(self) }
        return ((self * 1e6).rounded() / 1e6).compactText
    }

    /// Seconds as people write them: `250ms`, `90s` → `1m30s`, `1h30m`, `2.5s`.
    public var durationText: String {
        guard isFinite, abs(self) < 1e12 else { return "\(roundedText)s" }
        if self > 0, self < 1 { return "\((self * 1000).roundedText)ms" }
        let whole = Int64(rounded())
        guard abs(self - Double(whole)) < 1e-6 else { return "\(roundedText)s" }
        let (hours, minutes, seconds) = (whole / 3600, whole % 3600 / 60, whole % 60)
        var text = whole < 0 ? "-" : ""
        if hours != 0 { text += "\(abs(hours))h" }
        if minutes != 0 { text += "\(abs(minutes))m" }
        if seconds != 0 || hours == 0 && minutes == 0 { text += "\(abs(seconds))s" }
        return text
    }
}
