/// A small valid scenario, and targeted edits of it: each broken scenario is this one with one change, so that
/// expected locations can be read off the numbered lines below.
enum BaseScenario {
    /// The scenario, one entry per line; the comments give the 1-based line numbers.
    static let lines: [String] = [
        "name: base",  // 1
        "seed: 42",  // 2
        "duration: 10m",  // 3
        "targets:",  // 4
        "  game:",  // 5
        "    adapter: null",  // 6
        "data:",  // 7
        "  users:",  // 8
        "    file: users.csv",  // 9
        "behaviours:",  // 10
        "  casual:",  // 11
        "    weight: 2",  // 12
        "    states:",  // 13
        "      login:",  // 14
        "        action: game.ok",  // 15
        #"        with: { delay: 20ms, returns: { token: "t-{{ data.users.id }}" } }"#,  // 16
        "        capture: { token: token }",  // 17
        "        think: 2s",  // 18
        "        next: play",  // 19
        "      play:",  // 20
        "        action: game.ok",  // 21
        #"        with: { returns: { t: "{{ session.token }}" } }"#,  // 22
        "        next: { play: 0.5, end: 0.5 }",  // 23
        "load:",  // 24
        "  main:",  // 25
        "    model: open",  // 26
        "    rate: 10/s",  // 27
    ]

    /// The unchanged scenario.
    static var text: String { render(lines) }

    /// The scenario with line `line` replaced by `replacement` (which may span several lines), or removed when nil.
    static func replacing(_ line: Int, with replacement: String?) -> String {
        replacing(line...line, with: replacement)
    }

    /// The scenario with `range` replaced by `replacement` (which may span several lines), or removed when nil.
    static func replacing(_ range: ClosedRange<Int>, with replacement: String?) -> String {
        var edited = lines
        edited.replaceSubrange(range.lowerBound - 1 ..< range.upperBound, with: replacement.map(split) ?? [])
        return render(edited)
    }

    /// The scenario with several lines replaced at once (line number → new text); the line count stays the same.
    static func replacing(_ edits: [Int: String]) -> String {
        var edited = lines
        for (line, text) in edits { edited[line - 1] = text }
        return render(edited)
    }

    /// The scenario with `insertion` (which may span several lines) inserted after line `line`.
    static func inserting(after line: Int, _ insertion: String) -> String {
        var edited = lines
        edited.insert(contentsOf: split(insertion), at: line)
        return render(edited)
    }

    private static func split(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private static func render(_ lines: [String]) -> String {
        lines.joined(separator: "\n") + "\n"
    }
}
