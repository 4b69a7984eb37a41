import Foundation
import NIOCore

/// The few game messages the proxy writes or looks at; everything else crosses it untouched.
enum ProxyMessages {
    private struct Join: Encodable {
        let type = "join"
        let player: String
    }

    private struct Failed: Encodable {
        let type = "end"
        let reason = "failed"
        let detail: String
    }

    private struct Typed: Decodable {
        let type: String?
    }

    /// `{"type":"join","player":ID}`: the join the proxy sends for the verified player.
    static func join(_ player: String) -> String {
        encode(Join(player: player))
    }

    /// `{"type":"end","reason":"failed","detail":DETAIL}`: what a player is told when its match's server is lost.
    static func failed(_ detail: String) -> String {
        encode(Failed(detail: detail))
    }

    /// Whether the text message in `payload` is a `join` (a client's own join is dropped: the proxy joins for it).
    static func isJoin(_ payload: ByteBuffer) -> Bool {
        payload.contains(joinNeedle) && type(of: payload) == "join"
    }

    /// Whether the text message in `payload` is an `end` (the match is over: the game server closes next).
    ///
    /// State broadcasts, nearly every message (one per tick and player), are told apart by their last bytes without a
    /// scan: the game server sorts its keys, so `type` comes last.
    static func isEnd(_ payload: ByteBuffer) -> Bool {
        !payload.hasSuffix(stateSuffix) && payload.contains(endNeedle) && type(of: payload) == "end"
    }

    private static let joinNeedle = Array(#""join""#.utf8)
    private static let endNeedle = Array(#""end""#.utf8)
    private static let stateSuffix = Array(#""type":"state"}"#.utf8)

    /// The `type` of a JSON object message (decoded only when a cheap byte search found a candidate).
    private static func type(of payload: ByteBuffer) -> String? {
        (try? JSONDecoder().decode(Typed.self, from: Data(payload.readableBytesView)))?.type
    }

    private static func encode(_ value: some Encodable) -> String {
        (try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension ByteBuffer {
    /// Whether the readable bytes end with `suffix`.
    fileprivate func hasSuffix(_ suffix: [UInt8]) -> Bool {
        guard readableBytes >= suffix.count else { return false }
        return getBytes(at: readerIndex + readableBytes - suffix.count, length: suffix.count) == suffix
    }

    /// Whether the readable bytes contain `needle`.
    fileprivate func contains(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first, readableBytes >= needle.count else { return false }
        return withUnsafeReadableBytes { bytes in
            var index = 0
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == first, needle.indices.allSatisfy({ bytes[index + $0] == needle[$0] }) { return true }
                index += 1
            }
            return false
        }
    }
}
