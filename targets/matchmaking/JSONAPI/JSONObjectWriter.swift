import Hummingbird
import JSONText

/// A flat JSON object written field by field, for the responses sent once per ticket: Foundation's `JSONEncoder`
/// was the gateway's largest single cost per matched ticket. Keys are written as given (callers pass plain ASCII
/// names); values are escaped as RFC 8259 asks.
public struct JSONObjectWriter: Sendable {
    private var bytes: [UInt8]
    private var empty = true

    /// An empty object.
    public init() {
        bytes = [UInt8(ascii: "{")]
        bytes.reserveCapacity(256)
    }

    /// Adds `"key": "value"`, or `"key": null` when `value` is nil.
    public mutating func field(_ key: String, _ value: String?) {
        name(key)
        if let value { JSONString.append(value, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
    }

    /// Adds `"key": {…}` with `object`'s fields, or `"key": null` when `object` is nil.
    public mutating func field(_ key: String, object: JSONObjectWriter?) {
        name(key)
        if let object { bytes.append(contentsOf: object.closed) } else { bytes.append(contentsOf: "null".utf8) }
    }

    /// The object's JSON text.
    public var closed: [UInt8] {
        bytes + [UInt8(ascii: "}")]
    }

    /// A response with the object as its `application/json` body.
    public func response(status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        var buffer = ByteBuffer(bytes: bytes)
        buffer.writeInteger(UInt8(ascii: "}"))
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    private mutating func name(_ key: String) {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        JSONString.append(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }
}
