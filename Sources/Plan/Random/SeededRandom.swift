/// A fast, seedable random number generator: xoshiro256** seeded through SplitMix64.
///
/// The same seed gives the same sequence on every platform and in every process, which is what
/// makes a plan (and later a run) reproducible. Independent parts of a plan draw from their own
/// streams, obtained with `derived(_:)` (by label or by index), so that adding a
/// draw in one part does not shift the numbers every other part sees.
///
/// It is a value type: copying it copies the stream's position.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator whose 256-bit state is the first four outputs of SplitMix64 started at `seed`.
    ///
    /// Every seed (including 0) gives a valid, non-zero state.
    public init(seed: UInt64) {
        var splitMix = seed
        s0 = Self.splitMix64(&splitMix)
        s1 = Self.splitMix64(&splitMix)
        s2 = Self.splitMix64(&splitMix)
        s3 = Self.splitMix64(&splitMix)
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(by: 45)
        return result
    }

    /// A uniform `Double` in `[0, 1)`, from the top 53 bits of ``next()`` (every multiple of 2⁻⁵³).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform `Double` in `(0, 1]` (never 0, so safe to take the logarithm of).
    public mutating func nextOpenUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// An independent stream for the part of the plan called `label`.
    ///
    /// The child depends on this generator's current state and on the label (hashed with FNV-1a 64,
    /// never with the per-process `Hasher`), so it is the same in every process. This generator is
    /// not advanced: deriving the same label twice gives the same stream, and different labels give
    /// unrelated streams.
    public func derived(_ label: String) -> SeededRandom {
        derived(key: FNV1a.hash(label))
    }

    /// An independent stream for the `index`-th item of something (a player, a slot, …).
    ///
    /// Like the label version, without advancing this generator. Index streams and label
    /// streams are hashed in separate domains, so `derived(0)` is not `derived("0")`.
    public func derived(_ index: UInt64) -> SeededRandom {
        // 0xFF never occurs in UTF-8, so this byte separates index keys from label keys.
        var hash = FNV1a.hash(CollectionOfOne(0xFF))
        for shift in stride(from: 0, to: 64, by: 8) {
            hash ^= (index >> UInt64(shift)) & 0xFF
            hash &*= FNV1a.prime
        }
        return derived(key: hash)
    }

    /// A child seeded by mixing the whole 256-bit state with `key`.
    private func derived(key: UInt64) -> SeededRandom {
        var mixed = Self.mix(key ^ s0)
        mixed = Self.mix(mixed ^ s1)
        mixed = Self.mix(mixed ^ s2)
        mixed = Self.mix(mixed ^ s3)
        return SeededRandom(seed: mixed)
    }

    /// One step of SplitMix64: advances `state` and returns its mixed value.
    private static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return finalise(state)
    }

    /// SplitMix64's step applied to a single value (adds the golden gamma, then finalises).
    private static func mix(_ value: UInt64) -> UInt64 {
        finalise(value &+ 0x9E37_79B9_7F4A_7C15)
    }

    /// SplitMix64's output function (a bijection of 64-bit values).
    private static func finalise(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension UInt64 {
    /// The bits rotated left by `count` (0 < count < 64).
    @inline(__always)
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 {
        (self << count) | (self >> (64 - count))
    }
}
