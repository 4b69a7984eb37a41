import Foundation
import GameServer

/// The lines of a game server's standard output that the process backend understands.
enum GameServerOutputLine: Equatable {
    /// `listening on HOST:PORT`.
    case listening(host: String, port: Int)
    /// `result {json}`.
    case result(MatchResult)

    /// The line's meaning, or nil for any other line.
    init?(_ line: some StringProtocol) {
        let line = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("listening on ") {
            let address = line.dropFirst("listening on ".count)
            guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
                  (1...65_535).contains(port)
            else { return nil }
            self = .listening(host: String(address[..<colon]), port: port)
        } else if line.hasPrefix("result ") {
            let json = Data(line.dropFirst("result ".count).utf8)
            guard let result = try? JSONDecoder().decode(MatchResult.self, from: json) else { return nil }
            self = .result(result)
        } else {
            return nil
        }
    }
}
