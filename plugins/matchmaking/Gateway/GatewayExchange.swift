import StampedeHTTPAdapter
import StampedePluginAPI

/// The HTTP requests of one action to the gateway: sends them with the player's token, adds up their bytes, keeps
/// the last status for the `status` tag and collects custom metric samples.
struct GatewayExchange {
    /// The gateway client.
    let client: PlainHTTPClient
    /// The player's session.
    let session: MatchmakingSession
    /// Bytes received so far.
    var bytesIn = 0
    /// Bytes sent so far.
    var bytesOut = 0
    /// The last response's status.
    var lastStatus: Int?
    /// Custom metric samples of the action.
    var metrics: [MetricSample] = []

    /// An exchange for `session`'s player.
    init(client: PlainHTTPClient, session: MatchmakingSession) {
        self.client = client
        self.session = session
    }

    /// Sends a request with the player's bearer token (if logged in) and a JSON body.
    /// - Throws: ``GatewayFailure`` for transport failures; any status is returned.
    mutating func send(_ method: String, _ path: String, json: [String: any Sendable]? = nil, timeout: Double? = nil)
        async throws(GatewayFailure) -> (status: Int, reply: GatewayReply, body: [UInt8])
    {
        var headers: [(String, String)] = []
        if let token = session.with({ $0.token }) { headers.append(("authorization", "Bearer \(token)")) }
        let body = json.map { JSONBody.bytes($0) }
        do {
            let response = try await client.send(method, path, headers: headers, body: body, timeout: timeout)
            bytesIn += response.bytesIn
            bytesOut += response.bytesOut
            lastStatus = response.status
            return (response.status, GatewayReply(response.body), response.body)
        } catch {
            throw GatewayFailure(kind: error.kind, message: error.message)
        }
    }

    /// The failure of a non-2xx response: kind `status_<code>` (or `kind` when given), with the gateway's message.
    func failure(_ status: Int, _ body: [UInt8], doing what: String, kind: String? = nil) -> ActionOutcome {
        .error(kind ?? "status_\(status)", "\(what): expected a 2xx status, got \(status): \(GatewayReply.errorMessage(body))")
    }

    /// `outcome` with the exchange's bytes, status tag and metrics.
    func finish(_ outcome: ActionOutcome) -> ActionOutcome {
        var outcome = outcome
        outcome.bytesIn += bytesIn
        outcome.bytesOut += bytesOut
        if let lastStatus { outcome.tags["status"] = String(lastStatus) }
        outcome.metrics += metrics
        return outcome
    }
}

/// A request to the gateway got no response: `timeout`, `connect`, `http`, `cancelled`.
struct GatewayFailure: Error {
    /// The error kind.
    var kind: String
    /// What happened.
    var message: String

    /// The outcome reporting it.
    var outcome: ActionOutcome { .error(kind, message) }
}
