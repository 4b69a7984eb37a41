import Foundation
import Synchronization

/// What one match's connection saw: inputs in flight, acknowledgement round trips, states, bytes, the end.
final class GameTally: Sendable {
    private struct State {
        var opened = false
        var inFlight: [Int: ContinuousClock.Instant] = [:]
        var roundTrips: [Double] = []
        var states = 0
        var bytesIn = 0
        var bytesOut = 0
        var endReason: String?
        var endDetail: String?
    }

    /// Inputs awaiting an acknowledgement, at most (older ones are forgotten, not timed).
    static let inFlightLimit = 1_000
    private let state = Mutex(State())

    /// Records that the handshake succeeded.
    func opened() { state.withLock { $0.opened = true } }

    /// Whether the handshake succeeded.
    var wasOpened: Bool { state.withLock { $0.opened } }

    /// Records an input sent.
    func sent(seq: Int, bytes: Int) {
        let now = ContinuousClock.now
        state.withLock { state in
            if state.inFlight.count >= Self.inFlightLimit { state.inFlight.removeAll(keepingCapacity: true) }
            state.inFlight[seq] = now
            state.bytesOut += bytes
        }
    }

    /// Records a received message; true when it ends the match.
    func received(_ text: String) -> Bool {
        let bytes = text.utf8.count
        if let seq = Self.ackSeq(text) {
            let now = ContinuousClock.now
            state.withLock { state in
                state.bytesIn += bytes
                if let sentAt = state.inFlight.removeValue(forKey: seq) {
                    let elapsed = now - sentAt
                    state.roundTrips.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                }
            }
            return false
        }
        // State broadcasts, the bulk (every tick), end with their type: the server sorts its keys.
        if text.hasSuffix(#""type":"state"}"#) {
            state.withLock { state in
                state.bytesIn += bytes
                state.states += 1
            }
            return false
        }
        if text.contains(#""type":"end""#) {
            let end = try? JSONDecoder().decode(EndMessage.self, from: Data(text.utf8))
            state.withLock { state in
                state.bytesIn += bytes
                state.endReason = end?.reason ?? "unknown"
                state.endDetail = end?.detail
            }
            return true
        }
        state.withLock { $0.bytesIn += bytes }
        return false
    }

    /// How the match ended, as seen so far (the connection closed after or without an end message).
    var ending: GameReport.Ending {
        state.withLock { state in
            guard let reason = state.endReason else {
                return .failed("disconnected", "the connection closed before the match ended")
            }
            return .ended(reason: reason, detail: state.endDetail)
        }
    }

    /// The report, with `ending`.
    func report(_ ending: GameReport.Ending) -> GameReport {
        state.withLock { state in
            GameReport(ending: ending, roundTrips: state.roundTrips, states: state.states, bytesIn: state.bytesIn, bytesOut: state.bytesOut)
        }
    }

    /// The `seq` of `{"type":"ack","seq":N}`, or nil for any other message.
    static func ackSeq(_ text: String) -> Int? {
        let prefix = #"{"type":"ack","seq":"#
        guard text.hasPrefix(prefix), text.hasSuffix("}") else { return nil }
        return Int(text.dropFirst(prefix.utf8.count).dropLast())
    }

    private struct EndMessage: Decodable {
        let reason: String?
        let detail: String?
    }
}

/// What a played match gives the action.
struct GameReport: Sendable {
    /// How it ended.
    enum Ending: Sendable, Equatable {
        /// The server sent `end` with this reason (completed, abandoned, terminated, failed).
        case ended(reason: String, detail: String?)
        /// The player could not play it to its end: an error kind and message.
        case failed(String, String)
    }

    /// How it ended.
    var ending: Ending
    /// Acknowledged inputs' round trips, seconds.
    var roundTrips: [Double]
    /// State broadcasts received.
    var states: Int
    /// Bytes received (message payloads).
    var bytesIn: Int
    /// Bytes sent (message payloads).
    var bytesOut: Int
}
