/// The 64-bit FNV-1a hash, used to turn labels into stream keys.
///
/// Unlike `Hasher` (seeded anew in every process), FNV-1a gives the same value everywhere, so the
/// random streams derived from a label are the same in every run of the same seed.
enum FNV1a {
    /// The FNV-1a 64-bit offset basis.
    static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    /// The FNV-1a 64-bit prime.
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The hash of `bytes`, continuing from `hash`.
    static func hash(_ bytes: some Sequence<UInt8>, startingAt hash: UInt64 = offsetBasis) -> UInt64 {
        var hash = hash
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    /// The hash of the string's UTF-8 bytes.
    static func hash(_ text: String) -> UInt64 { hash(text.utf8) }
}
