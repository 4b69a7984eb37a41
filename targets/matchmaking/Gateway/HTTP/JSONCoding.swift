import Foundation
import Hummingbird
import MatchmakingJSONAPI

/// Reading request bodies and writing JSON responses, with client mistakes answered as 4xx ``GatewayError``s.
struct JSONCoding: Sendable {
    /// The largest body accepted.
    let bodyLimit: Int

    /// Decodes the body of `request` as `T`.
    /// - Throws: ``GatewayError``: 413 over the limit, 400 when empty, malformed, missing a field or of a wrong type.
    func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        do throws(JSONBodyProblem) {
            return try await JSONRequestBody.decode(T.self, from: request, limit: bodyLimit, malformedHint: "the body must be a JSON object")
        } catch {
            throw GatewayError(error.status, error.error, hint: error.hint)
        }
    }

    /// A 200 (or `status`) response with `value` as JSON.
    func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder().encode(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
