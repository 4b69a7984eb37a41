import Foundation
import Hummingbird

/// Who a request acts for: the player of its bearer token, or (when anonymous requests are allowed) the player its
/// body or query names.
struct Authenticator: Sendable {
    /// The session tokens.
    let sessions: SessionStore
    /// Whether requests without a token are accepted.
    let allowAnonymous: Bool

    /// The acting player of `request`, given the player id it `claims` (its `id` field), if any.
    /// - Throws: ``GatewayError``: 401 for an invalid or expired token, or no token when anonymous requests are not
    ///   allowed; 403 when `claims` is not the token's player; 400 for an anonymous request without an id.
    func player(of request: Request, claims: String?) async throws -> String {
        if let token = Self.bearerToken(of: request) {
            guard let player = try await sessions.player(for: token) else {
                throw GatewayError(.unauthorized, "invalid or expired token", hint: "log in again with POST /login")
            }
            if let claims, claims != player {
                throw GatewayError(.forbidden, "the token belongs to another player", hint: "omit 'id' or send the token's own")
            }
            return player
        }
        guard allowAnonymous else { throw Self.missingToken }
        guard let claims, !claims.isEmpty else {
            throw GatewayError(
                .badRequest, "missing field 'id'", hint: "send the player id, or Authorization: Bearer <token> from POST /login"
            )
        }
        return claims
    }

    /// The token's player if the request carries one, nil for an anonymous request (when allowed).
    /// - Throws: ``GatewayError`` 401 for an invalid token, or no token when anonymous requests are not allowed.
    func optionalPlayer(of request: Request) async throws -> String? {
        if let token = Self.bearerToken(of: request) {
            guard let player = try await sessions.player(for: token) else {
                throw GatewayError(.unauthorized, "invalid or expired token", hint: "log in again with POST /login")
            }
            return player
        }
        guard allowAnonymous else { throw Self.missingToken }
        return nil
    }

    private static let missingToken = GatewayError(
        .unauthorized, "missing bearer token", hint: "send Authorization: Bearer <token> from POST /login"
    )

    /// The bearer token of `request`, if it carries an `Authorization` header (empty when the header is not a bearer
    /// token).
    static func bearerToken(of request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return "" }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
