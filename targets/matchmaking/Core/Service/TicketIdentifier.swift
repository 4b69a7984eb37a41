/// Random 128-bit identifiers in lowercase hex, for tickets and matches.
public enum TicketIdentifier {
    /// 32 hex digits from the system's secure random generator, written straight into the string's storage (the
    /// gateway makes one per join).
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return String(unsafeUninitializedCapacity: 32) { text in
            for index in 0..<16 {
                text[index] = digits[Int(truncatingIfNeeded: high >> UInt64(60 - index * 4)) & 0x0F]
                text[16 + index] = digits[Int(truncatingIfNeeded: low >> UInt64(60 - index * 4)) & 0x0F]
            }
            return 32
        }
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)
}
