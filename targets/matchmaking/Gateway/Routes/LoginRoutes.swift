import Hummingbird
import RedisClient

extension Gateway {
    /// `POST /login {"id","password"}` → `{"id","token","expiresAt"}`.
    func addLoginRoute(to router: Router<BasicRequestContext>) {
        router.post("/login") { request, _ -> Response in
            let body = try await json.decode(LoginRequest.self, from: request)
            try Self.validate(playerId: body.id, field: "id")
            guard !body.password.isEmpty else {
                throw GatewayError(.badRequest, "empty password", hint: "any non-empty password is accepted")
            }
            let session = try await sessions.create(for: body.id, walletSetup: wallets.setupCommand(for: body.id))
            metrics.logins.increment()
            return try json.response(LoginResponse(id: session.player, token: session.token, expiresAt: session.expiresAt))
        }
    }

    /// `POST /logout` with `Authorization: Bearer <token>` → `{"status":"logged out"}`: the token stops working. Without
    /// a token (the original, anonymous client) there is no session to end: 200 when anonymous requests are allowed,
    /// 401 when they are not.
    func addLogoutRoute(to router: Router<BasicRequestContext>) {
        router.post("/logout") { request, _ -> Response in
            if let token = Authenticator.bearerToken(of: request) {
                guard try await sessions.player(for: token) != nil else {
                    throw GatewayError(.unauthorized, "invalid or expired token", hint: "log in again with POST /login")
                }
                try await sessions.revoke(token)
            } else {
                _ = try await authenticator.optionalPlayer(of: request)
            }
            return try json.response(["status": "logged out"])
        }
    }

    /// Throws 400 unless `playerId` is a usable player id (1 to 128 characters).
    static func validate(playerId: String, field: String) throws {
        guard !playerId.isEmpty, playerId.utf8.count <= 128 else {
            throw GatewayError(.badRequest, "field '\(field)' must be a player id of 1 to 128 characters")
        }
    }
}

/// The body of `POST /login`.
struct LoginRequest: Decodable {
    let id: String
    let password: String
}

/// The answer to `POST /login`.
struct LoginResponse: Codable {
    let id: String
    let token: String
    let expiresAt: Int
}

extension Gateway {
    /// `GET /health` → `{"status":"ok","redis":"up"}`, or 503 `degraded` when Redis does not answer.
    func addHealthRoute(to router: Router<BasicRequestContext>) {
        router.get("/health") { _, _ -> Response in
            let redisUp = (try? await redis.send(["PING"]).string) == "PONG"
            return try json.response(
                ["status": redisUp ? "ok" : "degraded", "redis": redisUp ? "up" : "down"],
                status: redisUp ? .ok : .serviceUnavailable
            )
        }
    }
}
