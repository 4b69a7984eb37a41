import StampedeMetrics

/// Renders ``RunResults`` for programs: the results document (see `RunResults.jsonData()`).
public enum ResultsReport {
    /// The results document as text, ending in a newline.
    public static func json(_ results: RunResults) -> String {
        String(decoding: results.jsonData(), as: UTF8.self) + "\n"
    }
}
