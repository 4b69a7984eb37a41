import Foundation
import Hummingbird

/// What was wrong with a request body, as the services answer it: a 4xx status, what went wrong and a hint. Each
/// service turns it into its own error type (``JSONRequestBody/decode(_:from:limit:shapeHint:malformedHint:)``).
public struct JSONBodyProblem: Error, Sendable, Equatable {
    /// The HTTP status (400 or 413).
    public var status: HTTPResponse.Status
    /// What went wrong.
    public var error: String
    /// What to do about it, if anything helps.
    public var hint: String?
}

/// Reading JSON request bodies and writing JSON responses, shared by the gateway and the orchestrator.
public enum JSONRequestBody {
    /// Decodes the body of `request` as `T`, reading at most `limit` bytes.
    /// - Parameters:
    ///   - shapeHint: the hint for a missing field (the expected document, if one helps).
    ///   - malformedHint: the hint for a body that is not JSON.
    /// - Throws: ``JSONBodyProblem``: 413 over the limit, 400 when empty, malformed, missing a field or of a wrong type.
    public static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, limit: Int, shapeHint: String? = nil, malformedHint: String
    ) async throws(JSONBodyProblem) -> T {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw JSONBodyProblem(status: .contentTooLarge, error: "request body too large (\(length) bytes)", hint: "at most \(limit) bytes")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch {
            throw JSONBodyProblem(status: .contentTooLarge, error: "request body too large", hint: "at most \(limit) bytes")
        }
        guard body.readableBytes > 0 else {
            throw JSONBodyProblem(status: .badRequest, error: "missing JSON body", hint: "send a JSON object with Content-Type: application/json")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw describe(error, shapeHint: shapeHint, malformedHint: malformedHint)
        } catch {
            throw JSONBodyProblem(status: .badRequest, error: "malformed JSON", hint: malformedHint)
        }
    }

    /// A response with `value` as JSON (keys sorted).
    public static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func describe(_ error: DecodingError, shapeHint: String?, malformedHint: String) -> JSONBodyProblem {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return JSONBodyProblem(status: .badRequest, error: "missing field '\(path(context, key))'", hint: shapeHint)
        case .typeMismatch(let type, let context):
            return JSONBodyProblem(status: .badRequest, error: "field '\(path(context))' has the wrong type", hint: "expected \(type)")
        case .valueNotFound(let type, let context):
            return JSONBodyProblem(status: .badRequest, error: "field '\(path(context))' is null", hint: "expected \(type)")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return JSONBodyProblem(status: .badRequest, error: "malformed JSON", hint: malformedHint)
        case .dataCorrupted(let context):
            return JSONBodyProblem(status: .badRequest, error: "field '\(path(context))' is invalid", hint: context.debugDescription)
        @unknown default:
            return JSONBodyProblem(status: .badRequest, error: "malformed JSON", hint: malformedHint)
        }
    }
}
