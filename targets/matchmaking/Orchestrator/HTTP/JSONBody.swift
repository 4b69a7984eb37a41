import Foundation
import Hummingbird

/// Reading JSON request bodies (client mistakes answered as 4xx ``OrchestratorError``s) and writing JSON responses.
enum JSONBody {
    /// Decodes the body of `request` as `T`, reading at most `limit` bytes.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw OrchestratorError(.contentTooLarge, "request body too large", hint: "at most \(limit) bytes")
        }
        guard body.readableBytes > 0 else {
            throw OrchestratorError(.badRequest, "missing JSON body", hint: "send a JSON object with Content-Type: application/json")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw describe(error)
        }
    }

    /// A response with `value` as JSON.
    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func describe(_ error: DecodingError) -> OrchestratorError {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        let hint = #"expected {"matchId": string, "region": string, "players": [string]}"#
        switch error {
        case .keyNotFound(let key, let context):
            return OrchestratorError(.badRequest, "missing field '\(path(context, key))'", hint: hint)
        case .typeMismatch(let type, let context):
            return OrchestratorError(.badRequest, "field '\(path(context))' has the wrong type", hint: "expected \(type)")
        case .valueNotFound(let type, let context):
            return OrchestratorError(.badRequest, "field '\(path(context))' is null", hint: "expected \(type)")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return OrchestratorError(.badRequest, "malformed JSON", hint: hint)
        case .dataCorrupted(let context):
            return OrchestratorError(.badRequest, "field '\(path(context))' is invalid", hint: context.debugDescription)
        @unknown default:
            return OrchestratorError(.badRequest, "malformed JSON", hint: hint)
        }
    }
}
