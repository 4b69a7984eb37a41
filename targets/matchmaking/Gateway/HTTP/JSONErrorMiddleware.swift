import Hummingbird
import Logging
import RedisClient

/// Turns every error escaping a handler into a JSON error response: ``GatewayError``s as they are, Hummingbird's
/// HTTP errors (no such route 404, body too large 413) with their status, Redis failures 503, anything else 500.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as GatewayError {
            return error.jsonResponse()
        } catch let error as RedisError {
            context.logger.warning("redis failed", metadata: ["error": "\(error)"])
            return GatewayError(.serviceUnavailable, "storage unavailable", hint: "retry later").jsonResponse()
        } catch let error as any HTTPResponseError {
            return Self.translate(error.status, request: request).jsonResponse()
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return GatewayError(.internalServerError, "internal error").jsonResponse()
        }
    }

    private static func translate(_ status: HTTPResponse.Status, request: Request) -> GatewayError {
        switch status {
        case .notFound:
            GatewayError(
                .notFound, "no route \(request.method) \(request.uri.path)",
                hint: "routes: POST /login, GET /store/offers, GET /store/wallet, POST /store/purchase, "
                    + "POST /matchmaking/join, GET /matchmaking/status, POST /matchmaking/cancel, GET /health, GET /metrics"
            )
        case .contentTooLarge:
            GatewayError(.contentTooLarge, "request body too large", hint: "bodies are limited in size; see bodyLimit")
        default:
            GatewayError(status, status.reasonPhrase)
        }
    }
}
