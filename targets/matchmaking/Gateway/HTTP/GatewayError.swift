import Foundation
import Hummingbird
import MatchmakingCore

/// A refused request: an HTTP status and the JSON body `{"error": ..., "hint": ...}` (plus `ticketId` when the
/// refusal is about an existing ticket).
public struct GatewayError: HTTPResponseError, Sendable, Equatable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// What went wrong.
    public var error: String
    /// What to do about it, if anything helps.
    public var hint: String?
    /// The ticket concerned (the one already held, for a 409 on join).
    public var ticketId: String?

    /// An error.
    public init(_ status: HTTPResponse.Status, _ error: String, hint: String? = nil, ticketId: String? = nil) {
        self.status = status
        self.error = error
        self.hint = hint
        self.ticketId = ticketId
    }

    /// The JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        jsonResponse()
    }

    /// The JSON response, without a request.
    func jsonResponse() -> Response {
        var document: [String: String] = ["error": error]
        if let hint { document["hint"] = hint }
        if let ticketId { document["ticketId"] = ticketId }
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension GatewayError {
    /// The error answering a ``MatchmakingError``.
    init(_ error: MatchmakingError) {
        switch error {
        case .invalid(let message):
            self.init(.badRequest, message, hint: "party: at most a team of player ids; region: a configured region")
        case .alreadyQueued(let player, let ticketId):
            self.init(
                .conflict, "player \(player) already holds an active ticket",
                hint: "cancel it with POST /matchmaking/cancel, or wait for it to resolve", ticketId: ticketId
            )
        case .unknownTicket(let ticketId):
            self.init(.notFound, "unknown ticket \(ticketId)", hint: "tickets expire after resolving", ticketId: ticketId)
        case .notOwner(let player, let ticketId):
            self.init(.forbidden, "player \(player) does not own ticket \(ticketId)", ticketId: ticketId)
        case .notCancellable(let ticketId, let status):
            self.init(
                .conflict, "ticket \(ticketId) can no longer be cancelled (\(status.rawValue))",
                hint: "a ticket taken for a match stays matched", ticketId: ticketId
            )
        case .unavailable(let message):
            self.init(.serviceUnavailable, "matchmaking unavailable: \(message)", hint: "retry later")
        }
    }
}
