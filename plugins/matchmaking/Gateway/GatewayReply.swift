import Foundation

/// A gateway response body read as JSON, leniently: the fields the adapter needs, wherever the original API and its
/// extensions put them.
struct GatewayReply: Sendable {
    /// The top-level JSON object (empty when the body is not a JSON object).
    let object: [String: any Sendable]
    /// The top-level JSON array, when the body is one.
    let array: [any Sendable]?

    /// Parses `body`; a body that is not JSON gives an empty reply.
    init(_ body: [UInt8]) {
        let json = body.isEmpty ? nil : try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        object = (json as? [String: Any]).map { $0.mapValues { Self.sendable($0) } } ?? [:]
        array = (json as? [Any])?.map { Self.sendable($0) }
    }

    /// The text of a field (strings as they are, numbers in decimal).
    func text(_ key: String) -> String? {
        Self.text(object[key])
    }

    /// The text of a field of a nested object (`server.url`).
    func text(_ key: String, _ nested: String) -> String? {
        (object[key] as? [String: any Sendable]).flatMap { Self.text($0[nested]) }
    }

    /// The ids of the offers of a store listing: a top-level array or an `offers` array, each element's `id`
    /// (or `offer_id`).
    var offerIds: [String] {
        let elements = array ?? (object["offers"] as? [any Sendable]) ?? []
        return elements.compactMap { element in
            guard let offer = element as? [String: any Sendable] else { return Self.text(element) }
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

    private static func text(_ value: (any Sendable)?) -> String? {
        switch value {
        case let text as String: return text
        case let number as Int: return String(number)
        case let number as Double: return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default: return nil
        }
    }

    /// JSONSerialization's values as Sendable ones (its containers are not typed so).
    private static func sendable(_ value: Any) -> any Sendable {
        switch value {
        case let object as [String: Any]: return object.mapValues { sendable($0) }
        case let array as [Any]: return array.map { sendable($0) }
        case let number as NSNumber:
            // Booleans come as numbers too (1/0): the adapter reads none.
            return number.doubleValue == number.doubleValue.rounded() && abs(number.doubleValue) < 1e15 ? number.intValue : number.doubleValue
        case let text as String: return text
        default: return "\(value)"
        }
    }
}
