import GameServer
import Hummingbird
import MatchmakingJSONAPI

/// The orchestrator's HTTP API.
///
/// - `POST /allocations` `{"matchId","region","players":[ids]}` → 201 `{"matchId","url","gameId"}` once the game
///   server is ready; 400 bad request, 409 known match id, 503 `capacity` (or shutting down), 502 provisioning failed.
/// - `GET /matches/{id}` → `{"matchId","state","reason"?,"result"?,"players","region","server"?}`; 404 unknown.
/// - `DELETE /matches/{id}` → terminates the match's server, answers once it has been reaped (the match is then
///   `ended` with reason `terminated`, or `failed` if it had to be killed).
enum OrchestratorRoutes {
    /// Adds the routes to `router`.
    static func add<Context: RequestContext>(to router: Router<Context>, orchestrator: Orchestrator) {
        let bodyLimit = orchestrator.settings.bodyLimit
        router.post("/allocations") { request, _ -> Response in
            let allocation: AllocationRequest
            do throws(JSONBodyProblem) {
                allocation = try await JSONRequestBody.decode(
                    AllocationRequest.self, from: request, limit: bodyLimit, shapeHint: AllocationRequest.shape,
                    malformedHint: AllocationRequest.shape)
            } catch {
                throw OrchestratorError(error)
            }
            do throws(AllocationError) {
                return JSONRequestBody.response(try await orchestrator.allocate(allocation), status: .created)
            } catch {
                throw OrchestratorError(error, matchId: allocation.matchId)
            }
        }
        router.get("/matches/{matchId}") { _, context -> Response in
            let matchId = try context.parameters.require("matchId")
            guard let snapshot = orchestrator.table.snapshot(matchId) else { throw unknown(matchId) }
            return JSONRequestBody.response(MatchDocument(snapshot))
        }
        router.delete("/matches/{matchId}") { _, context -> Response in
            let matchId = try context.parameters.require("matchId")
            guard let snapshot = await orchestrator.terminate(matchId) else { throw unknown(matchId) }
            return JSONRequestBody.response(MatchDocument(snapshot))
        }
    }

    private static func unknown(_ matchId: String) -> OrchestratorError {
        OrchestratorError(.notFound, "unknown match", hint: "matches are forgotten a while after they end", matchId: matchId)
    }
}

/// A match as `GET /matches/{id}` shows it.
struct MatchDocument: Encodable {
    let matchId: String
    let state: String
    let reason: String?
    let result: MatchResult?
    let players: [String]
    let region: String
    let server: String?

    init(_ snapshot: MatchSnapshot) {
        matchId = snapshot.matchId
        state = snapshot.state.name
        switch snapshot.state {
        case .ended(let result):
            reason = result.reason.rawValue
            self.result = result
        case .failed(let reason):
            self.reason = reason
            result = nil
        case .provisioning, .running:
            reason = nil
            result = nil
        }
        players = snapshot.players
        region = snapshot.region
        server = snapshot.instance
    }
}
