import MatchmakingCore
import Testing

/// ``TicketIdentifier``: ticket ids are 128 random bits in hex (a ticket id is all a status request needs).
struct TicketIdentifierTests {
    @Test("ids are 32 lowercase hex digits, all different, using every digit in every position")
    func randomHexIds() {
        let ids = (0..<2_000).map { _ in TicketIdentifier.random() }
        #expect(Set(ids).count == ids.count)
        let hex = Set("0123456789abcdef")
        for id in ids {
            #expect(id.count == 32)
            #expect(id.allSatisfy(hex.contains))
        }
        // 2,000 ids leave a given digit out of a given position with probability (15/16)^2000: never, unless the
        // bytes are not random (e.g. one half left zero, or nibbles swapped into a fixed pattern).
        for position in 0..<32 {
            let seen = Set(ids.map { Array($0)[position] })
            #expect(seen.count == 16, "position \(position) only ever held \(seen.sorted())")
        }
    }
}
