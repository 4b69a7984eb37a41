import AsyncHTTPClient
import Foundation
import MatchmakingCore
import NIOCore

/// Allocates each match on the game orchestrator (`POST {orchestrator}/allocations`), which starts a game server for
/// it and answers the proxied WebSocket URL players connect to; then records the match in Redis like
/// ``RecordingAllocator``.
///
/// Any failure (the orchestrator at capacity after its wait, a game server that did not start, the orchestrator
/// unreachable) throws, so the worker puts the match's tickets back at the front of their queue.
public struct OrchestratorAllocator: MatchAllocator {
    private let orchestrator: String
    private let recorder: RecordingAllocator
    private let client: HTTPClient
    private let timeout: TimeAmount

    /// An allocator asking the orchestrator at `orchestratorURL` (e.g. `http://127.0.0.1:9000`) and recording with
    /// `recorder`; one allocation may take up to `timeout` (the orchestrator's own wait for capacity included).
    public init(
        orchestratorURL: String, recorder: RecordingAllocator, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(30)
    ) {
        var base = orchestratorURL
        while base.hasSuffix("/") { base.removeLast() }
        orchestrator = base
        self.recorder = recorder
        self.client = client
        self.timeout = timeout
    }

    private struct AllocationRequest: Encodable {
        let matchId: String
        let region: String
        let players: [String]
    }

    private struct AllocationReply: Decodable {
        let url: String
        let gameId: String?
    }

    /// Asks the orchestrator for a game server, records the match, and returns where its players go.
    public func allocate(_ match: MatchProposal) async throws -> ServerAssignment {
        var request = HTTPClientRequest(url: orchestrator + "/allocations")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let body = try JSONEncoder().encode(AllocationRequest(matchId: match.matchId, region: match.region, players: match.players))
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: timeout)
        let payload = try await response.body.collect(upTo: 64 * 1024)
        guard response.status == .created || response.status == .ok else {
            throw OrchestratorAllocationError(status: Int(response.status.code), body: String(buffer: payload))
        }
        let reply: AllocationReply
        do {
            reply = try JSONDecoder().decode(AllocationReply.self, from: Data(payload.readableBytesView))
        } catch {
            throw OrchestratorAllocationError(status: Int(response.status.code), body: "unreadable reply: \(String(buffer: payload))")
        }
        let assignment = ServerAssignment(url: reply.url, gameId: reply.gameId ?? match.matchId)
        try await recorder.record(match, at: assignment)
        return assignment
    }
}

/// The orchestrator refused or failed an allocation.
public struct OrchestratorAllocationError: Error, CustomStringConvertible {
    /// The HTTP status it answered.
    public var status: Int
    /// Its reply body (a JSON error with a hint, as the orchestrator writes them).
    public var body: String

    /// What went wrong, for logs.
    public var description: String {
        "the game orchestrator answered \(status) to an allocation: \(body.prefix(300))"
    }
}
