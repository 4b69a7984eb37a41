import Foundation
import Testing

/// A real Prometheus (Debian's `prometheus`, which `make test` installs) scraping the reference target's services,
/// and the Grafana dashboards' queries evaluated on what it scraped.
@Suite(.timeLimit(.minutes(1)))
struct PrometheusScrapeTests {
    @Test("Prometheus scrapes the gateway, matchmaker and orchestrator, and every dashboard query answers from it")
    func scrapesEveryService() async throws {
        let (queries, dashboards) = try PrometheusDashboards.load()
        #expect(dashboards.count >= 2, "dashboards in \(PrometheusDashboards.folder.path)")
        #expect(queries.count >= 20)
        try await withScrapedTarget { services, api in
            try await checkTargetsAndSeries(services, api)
            try await checkDashboardQueries(queries, api)
        }
    }

    /// Every job is up, and the series carry what the traffic did.
    private func checkTargetsAndSeries(_ services: PrometheusScrapedServices, _ api: PrometheusAPI) async throws {
        let targets = try await api.targets()
        #expect(Set(targets.compactMap { $0.labels["job"] }) == Set(services.jobs.map(\.name)))
        for target in targets {
            #expect(target.health == "up", "\(target.scrapeUrl): \(target.health) \(target.lastError)")
        }
        let expected: [(String, Double)] = [
            (#"http_requests_total{job="gateway",path="/login",status="200"}"#, 12),
            (#"http_requests_total{job="gateway",path="/matchmaking/join",status="200"}"#, 12),
            (#"http_requests_total{job="gateway",path="/matchmaking/status",status="404"}"#, 1),
            (#"gateway_logins_total{job="gateway"}"#, 12),
            (#"matchmaking_tickets_created_total{job="gateway"}"#, 12),
            (#"matchmaking_matches_created_total{job="matchmaker"}"#, 1),
            (#"matchmaking_tickets_matched_total{job="matchmaker"}"#, 10),
            (#"matchmaking_queue_size{job="matchmaker",region="default"}"#, 2),
            (#"matchmaking_queue_time_seconds_count{job="matchmaker",outcome="matched"}"#, 10),
            (#"orchestrator_allocation_latency_seconds_count{job="orchestrator"}"#, 1),
            (#"orchestrator_game_servers{job="orchestrator",state="running"}"#, 1),
            (#"game_orchestrator_ongoing_matches{job="orchestrator"}"#, 1),
        ]
        for (series, value) in expected {
            // The matchmaker forms the match and measures its queue on its own schedule: wait for the next scrapes.
            var last: [Double] = []
            let seen = try await eventually(timeout: .seconds(5), every: .milliseconds(250)) {
                last = try await api.values(series)
                return last == [value]
            }
            #expect(seen, "\(series) = \(last), expected [\(value)]")
        }
    }

    /// Every panel query is valid PromQL, reads only metric names Prometheus scraped, and answers at least one series
    /// (a wrong job name or label value answers none).
    private func checkDashboardQueries(_ queries: [PrometheusDashboards.Query], _ api: PrometheusAPI) async throws {
        let stored = try await api.metricNames()
        for query in queries {
            for name in query.metricNames {
                let scraped = stored.contains(name)
                #expect(scraped, "\(query): no series named \(name) was scraped")
            }
            switch try await api.query(query.evaluable) {
            case .error(let message):
                Issue.record("\(query): Prometheus refused it: \(message)")
            case .vector(let samples):
                #expect(!samples.isEmpty, "\(query): no data (a label value or job name that does not exist?)")
            }
        }
    }

    /// Starts the services, sends them traffic (12 players log in and join: one 5-v-5 match on a real game server, two
    /// left waiting; one status of an unknown ticket: a 404), starts Prometheus scraping them every second, waits until every target is
    /// up and was scraped twice (for `rate()` to have two points), and runs `body`. Prometheus 2.42 applies new targets
    /// on a 5-second tick: the first scrape comes 5 to 6 s after its start.
    private func withScrapedTarget(
        _ body: @Sendable (PrometheusScrapedServices, PrometheusAPI) async throws -> Void
    ) async throws {
        try await PrometheusScrapedServices.run { services in
            let gateway = services.gateway
            for index in 0..<12 {
                _ = try await gateway.login("player\(index)")
                let joined = try await gateway.send(.POST, "/matchmaking/join", body: #"{"id":"player\#(index)"}"#)
                #expect(joined.status == 200, "join: \(joined.text)")
            }
            _ = try await gateway.send(.GET, "/matchmaking/status?ticketId=unknown")
            try await PrometheusServer.run(scraping: services.jobs) { prometheus in
                let api = PrometheusAPI(baseURL: prometheus.url)
                let jobs = services.jobs.count
                let scraped = try await eventually(timeout: .seconds(12), every: .milliseconds(250)) {
                    let targets = try await api.targets()
                    guard targets.count == jobs, targets.allSatisfy({ $0.health == "up" }) else { return false }
                    let counts = try await api.values("count_over_time(up[1m])")
                    return counts.count == jobs && counts.allSatisfy { $0 >= 2 }
                }
                guard scraped else {
                    let targets = (try? await api.targets()) ?? []
                    let states = targets.map { "\($0.scrapeUrl) \($0.health) \($0.lastError)" }.joined(separator: "; ")
                    Issue.record("targets not all up and scraped twice within 12 s: [\(states)]\nlog: \(prometheus.logTail())")
                    return
                }
                try await body(services, api)
            }
        }
    }
}
