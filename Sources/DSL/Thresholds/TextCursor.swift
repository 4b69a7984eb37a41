/// Reads a short text character by character, keeping the offset of each character for diagnostics.
struct TextCursor {
    /// The text's characters.
    let characters: [Character]
    /// The offset of the next character to read.
    var offset = 0

    /// A cursor at the start of `text`.
    init(_ text: String) {
        characters = Array(text)
    }

    /// Whether every character has been read.
    var isAtEnd: Bool { offset >= characters.count }

    /// The next character, if any.
    var current: Character? { isAtEnd ? nil : characters[offset] }

    /// The character `distance` after the next one, if any.
    func peek(_ distance: Int) -> Character? {
        offset + distance < characters.count ? characters[offset + distance] : nil
    }

    /// Skips spaces and tabs.
    mutating func skipSpaces() {
        while let character = current, character == " " || character == "\t" { offset += 1 }
    }

    /// Reads the longest run of characters matching `predicate`.
    mutating func read(while predicate: (Character) -> Bool) -> String {
        let start = offset
        while let character = current, predicate(character) { offset += 1 }
        return String(characters[start..<offset])
    }

    /// The text from `start` up to (not including) `end`.
    func text(from start: Int, to end: Int) -> String {
        String(characters[Swift.min(start, characters.count)..<Swift.min(end, characters.count)])
    }

    /// The unread rest, without trailing spaces.
    var rest: String { text(from: offset, to: characters.count).trimmingSpaces }
}
