/// Random 128-bit identifiers in lowercase hex, for tickets and matches.
public enum TicketIdentifier {
    /// 32 hex digits from the system's secure random generator.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return hex(generator.next()) + hex(generator.next())
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
