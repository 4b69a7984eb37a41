import Foundation

/// A message from a client: `{"type":"join","player":ID}` or `{"type":"input","dx":..,"dy":..,"seq":N}`.
struct ClientMessage: Decodable, Sendable {
    let type: String
    let player: String?
    let dx: Double?
    let dy: Double?
    let seq: Int?

    /// The message in `text`, or nil if it is not JSON of that shape.
    static func decode(_ text: String) -> ClientMessage? {
        try? JSONDecoder().decode(ClientMessage.self, from: Data(text.utf8))
    }
}

/// A player's place on the map.
struct Position: Codable, Sendable, Equatable {
    var x: Double
    var y: Double

    /// Half the width of the square map; positions are clamped to it.
    static let bound = 1_000.0

    /// Moves by (`dx`, `dy`), staying on the map.
    mutating func move(dx: Double, dy: Double) {
        guard dx.isFinite, dy.isFinite else { return }
        x = min(max(x + dx, -Self.bound), Self.bound)
        y = min(max(y + dy, -Self.bound), Self.bound)
    }
}

/// The messages the server sends, as JSON text.
enum ServerMessage {
    private struct State: Encodable {
        let type = "state"
        let tick: Int
        let players: [String: Position]
    }

    private struct End: Encodable {
        let type = "end"
        let reason: MatchEndReason
    }

    private static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// `{"type":"state","tick":N,"players":{"id":{"x":..,"y":..}}}`.
    static func state(tick: Int, players: [String: Position]) -> String {
        encode(State(tick: tick, players: players))
    }

    /// `{"type":"ack","seq":N}`.
    static func ack(seq: Int) -> String {
        #"{"type":"ack","seq":\#(seq)}"#
    }

    /// `{"type":"end","reason":...}`.
    static func end(_ reason: MatchEndReason) -> String {
        encode(End(reason: reason))
    }
}
