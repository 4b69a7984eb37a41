import Foundation

/// Request bodies as JSON bytes.
enum JSONBody {
    /// `object` serialised (keys sorted, so bodies are reproducible).
    static func bytes(_ object: [String: any Sendable]) -> [UInt8] {
        guard let data = try? JSONSerialization.data(withJSONObject: object.mapValues { $0 as Any }, options: [.sortedKeys]) else {
            return Array("{}".utf8)
        }
        return Array(data)
    }
}
