/// The live progress line written while a run goes.
public enum ProgressLine {
    /// The line for `snapshot`, without a line break.
    ///
    /// - `tty: true`: one compact line for a terminal, ending in `ESC[K` (erase to the end of the line) so that a
    ///   shorter line written over a longer one after `"\r"` leaves nothing behind:
    ///   `42s/1m0s  70%  98.5/100/s  players 1,234  in flight 12  requests 5,678  errors 0.3%  p95 12.3ms`.
    /// - `tty: false`: a plain `key=value` log line with unformatted numbers:
    ///   `progress elapsed=42 total=60 rate=98.5 planned_rate=100 players=1234 in_flight=12 requests=5678 errors=17 p95_ms=12.3`.
    public static func render(_ snapshot: ProgressSnapshot, tty: Bool) -> String {
        tty ? terminalLine(snapshot) : logLine(snapshot)
    }

    private static func terminalLine(_ snapshot: ProgressSnapshot) -> String {
        let done = snapshot.total > 0 ? min(1, max(0, snapshot.elapsed / snapshot.total)) : 0
        let errorShare = snapshot.requests > 0 ? Double(snapshot.errors) / Double(snapshot.requests) : 0
        let parts = [
            "\(NumberText.duration(snapshot.elapsed.rounded(.down)))/\(NumberText.duration(snapshot.total))",
            NumberText.count(done * 100) + "%",
            "\(NumberText.amount(snapshot.achievedRate))/\(NumberText.amount(snapshot.plannedRate))/s",
            "players \(NumberText.count(Double(snapshot.playersOnline)))",
            "in flight \(NumberText.count(Double(snapshot.inFlight)))",
            "requests \(NumberText.count(Double(snapshot.requests)))",
            "errors \(MeasureText.fraction(errorShare))",
            "p95 " + (snapshot.p95.map(MeasureText.seconds) ?? "–"),
        ]
        return parts.joined(separator: "  ") + "\u{1B}[K"
    }

    private static func logLine(_ snapshot: ProgressSnapshot) -> String {
        var fields = [
            "elapsed=\(plain(snapshot.elapsed))", "total=\(plain(snapshot.total))", "rate=\(plain(snapshot.achievedRate))",
            "planned_rate=\(plain(snapshot.plannedRate))", "players=\(snapshot.playersOnline)", "in_flight=\(snapshot.inFlight)",
            "requests=\(snapshot.requests)", "errors=\(snapshot.errors)",
        ]
        if let p95 = snapshot.p95 { fields.append("p95_ms=\(plain(p95 * 1000))") }
        return "progress " + fields.joined(separator: " ")
    }

    /// A number with at most 3 decimals, no grouping: `12.346`, `60`.
    private static func plain(_ value: Double) -> String {
        guard value.isFinite else { return "inf" }
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
    }
}
