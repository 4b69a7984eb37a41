import Foundation

/// A gateway response body read as JSON, leniently: the fields the adapter needs, wherever the original API and its
/// extensions put them.
///
/// It keeps JSONSerialization's values as they come and converts only the fields read (converting every value of
/// every reply to a Sendable one cost a twentieth of the adapter's CPU per ticket). They are never mutated, so
/// sharing them is safe.
struct GatewayReply: @unchecked Sendable {
    /// The top-level JSON object (empty when the body is not a JSON object).
    private let object: [String: Any]
    /// The top-level JSON array, when the body is one.
    private let array: [Any]?

    /// Parses `body`; a body that is not JSON gives an empty reply.
    init(_ body: [UInt8]) {
        let json = body.isEmpty ? nil : try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        object = json as? [String: Any] ?? [:]
        array = json as? [Any]
    }

    /// The text of a field (strings as they are, numbers in decimal).
    func text(_ key: String) -> String? {
        Self.text(object[key])
    }

    /// The text of a field of a nested object (`server.url`).
    func text(_ key: String, _ nested: String) -> String? {
        (object[key] as? [String: Any]).flatMap { Self.text($0[nested]) }
    }

    /// The ids of the offers of a store listing: a top-level array or an `offers` array, each element's `id`
    /// (or `offer_id`).
    var offerIds: [String] {
        let elements = array ?? (object["offers"] as? [Any]) ?? []
        return elements.compactMap { element in
            guard let offer = element as? [String: Any] else { return Self.text(element) }
            return Self.text(offer["id"]) ?? Self.text(offer["offer_id"])
        }
    }

    /// The error message of an error body: `error` (and `hint`), or the body's start.
    static func errorMessage(_ body: [UInt8]) -> String {
        let reply = GatewayReply(body)
        if let error = reply.text("error") {
            return reply.text("hint").map { "\(error) (\($0))" } ?? error
        }
        return String(decoding: body.prefix(200), as: UTF8.self)
    }

    /// A value's text: strings as they are, numbers (JSONSerialization's `NSNumber`s) in decimal, integers without a
    /// fraction; nil otherwise. Booleans come as numbers too (1/0): the adapter reads none.
    private static func text(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text
        case let number as NSNumber:
            let value = number.doubleValue
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        default: return nil
        }
    }
}
