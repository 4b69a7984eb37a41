import Foundation
import Hummingbird
import MatchmakingJSONAPI

/// A refused request: an HTTP status and the JSON body `{"error": ..., "hint": ...}` (plus `matchId` when the
/// refusal is about a match).
public struct OrchestratorError: HTTPResponseError, Sendable, Equatable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// What went wrong (`capacity` for a full orchestrator).
    public var error: String
    /// Details, if any.
    public var message: String?
    /// What to do about it, if anything helps.
    public var hint: String?
    /// The match concerned.
    public var matchId: String?

    /// An error.
    public init(
        _ status: HTTPResponse.Status, _ error: String, message: String? = nil, hint: String? = nil, matchId: String? = nil
    ) {
        self.status = status
        self.error = error
        self.message = message
        self.hint = hint
        self.matchId = matchId
    }

    /// The error answering an ``AllocationError``.
    public init(_ failure: AllocationError, matchId: String) {
        switch failure {
        case .invalid(let problem):
            self.init(.badRequest, "invalid allocation", message: problem, hint: #"send {"matchId","region","players":[ids]}"#)
        case .duplicate:
            self.init(.conflict, "match already known", hint: "match ids are single-use", matchId: matchId)
        case .capacity(let maxServers, let waited):
            self.init(
                .serviceUnavailable, "capacity", message: "all \(maxServers) game servers busy for \(waited)",
                hint: "retry later; the orchestrator's --max-servers caps concurrent matches", matchId: matchId
            )
        case .provisioning(let reason):
            self.init(.badGateway, "provisioning failed", message: reason, hint: "see the orchestrator's log", matchId: matchId)
        case .shuttingDown:
            self.init(.serviceUnavailable, "shutting down", hint: "use another orchestrator", matchId: matchId)
        }
    }

    /// The error answering a request body that could not be read.
    public init(_ problem: JSONBodyProblem) {
        self.init(problem.status, problem.error, hint: problem.hint)
    }

    /// The JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        jsonResponse()
    }

    /// The JSON response, without a request.
    func jsonResponse() -> Response {
        var document: [String: String] = ["error": error]
        if let message { document["message"] = message }
        if let hint { document["hint"] = hint }
        if let matchId { document["matchId"] = matchId }
        return JSONRequestBody.response(document, status: status)
    }
}
