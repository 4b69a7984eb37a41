import MatchmakingGateway
import NIOHTTP1
import Testing

/// The gateway's `/metrics`.
@Suite(.timeLimit(.minutes(1)))
struct GatewayMetricsTests {
    @Test("/metrics counts requests by route pattern and status, logins and purchases by outcome")
    func metrics() async throws {
        try await GatewayTestServer.run { gateway in
            _ = try await gateway.login("ada")
            _ = try await gateway.send(.GET, "/matchmaking/status?ticketId=a1")
            _ = try await gateway.send(.GET, "/matchmaking/status?ticketId=b2")
            _ = try await gateway.send(.POST, "/store/purchase", body: #"{"id":"ada","offer_id":"buddy-cat"}"#)
            let metrics = try await gateway.send(.GET, "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.contentType.hasPrefix("text/plain; version=0.0.4"))
            let lines = Set(metrics.text.split(separator: "\n").map(String.init))
            #expect(lines.contains(#"http_requests_total{path="/login",status="200"} 1"#))
            #expect(lines.contains(#"http_requests_total{path="/matchmaking/status",status="404"} 2"#))
            #expect(!metrics.text.contains("ticketId=a1"))
            #expect(lines.contains("gateway_logins_total 1"))
            #expect(lines.contains(#"gateway_purchases_total{outcome="purchased"} 1"#))
            #expect(metrics.text.contains(#"http_request_duration_seconds_count{path="/login"} 1"#))
        }
    }
}
