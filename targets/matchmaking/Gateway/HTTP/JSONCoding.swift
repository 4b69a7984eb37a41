import Foundation
import Hummingbird

/// Reading request bodies and writing JSON responses, with client mistakes answered as 4xx ``GatewayError``s.
struct JSONCoding: Sendable {
    /// The largest body accepted.
    let bodyLimit: Int

    /// Decodes the body of `request` as `T`.
    /// - Throws: ``GatewayError``: 413 over the limit, 400 when empty, malformed, missing a field or of a wrong type.
    func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > bodyLimit {
            throw GatewayError(.contentTooLarge, "request body too large (\(length) bytes)", hint: "at most \(bodyLimit) bytes")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: bodyLimit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw GatewayError(.contentTooLarge, "request body too large", hint: "at most \(bodyLimit) bytes")
        }
        guard body.readableBytes > 0 else {
            throw GatewayError(.badRequest, "missing JSON body", hint: "send a JSON object with Content-Type: application/json")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw Self.describe(error)
        }
    }

    /// A 200 (or `status`) response with `value` as JSON.
    func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder().encode(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func describe(_ error: DecodingError) -> GatewayError {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return GatewayError(.badRequest, "missing field '\(path(context, key))'")
        case .typeMismatch(let type, let context):
            return GatewayError(.badRequest, "field '\(path(context))' has the wrong type", hint: "expected \(type)")
        case .valueNotFound(let type, let context):
            return GatewayError(.badRequest, "field '\(path(context))' is null", hint: "expected \(type)")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return GatewayError(.badRequest, "malformed JSON", hint: "the body must be a JSON object")
        case .dataCorrupted(let context):
            return GatewayError(.badRequest, "field '\(path(context))' is invalid", hint: context.debugDescription)
        @unknown default:
            return GatewayError(.badRequest, "malformed JSON")
        }
    }
}
