import Hummingbird

/// Turns every error escaping a handler into a JSON error response: ``OrchestratorError``s as they are,
/// Hummingbird's HTTP errors (no such route 404, body too large 413) with their status, anything else 500.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as OrchestratorError {
            return error.jsonResponse()
        } catch let error as any HTTPResponseError {
            if error.status == .notFound {
                return OrchestratorError(
                    .notFound, "no route \(request.method) \(request.uri.path)",
                    hint: "routes: POST /allocations, GET /matches/{id}, DELETE /matches/{id}, GET /game/{id}/connect, "
                        + "GET /health, GET /metrics"
                ).jsonResponse()
            }
            return OrchestratorError(error.status, error.status.reasonPhrase).jsonResponse()
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return OrchestratorError(.internalServerError, "internal error").jsonResponse()
        }
    }
}
