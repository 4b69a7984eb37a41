import Foundation
import Testing

/// The observability files of `targets/matchmaking/deploy/`: Prometheus configurations that Prometheus's own
/// `promtool` accepts, with the job names the dashboards filter on, and dashboards wired to the provisioned data source.
@Suite(.timeLimit(.minutes(1)))
struct PrometheusDeployFilesTests {
    private static let deploy = PrometheusDashboards.folder.deletingLastPathComponent().deletingLastPathComponent()
    private static let jobs = ["gateway", "matchmaker", "orchestrator"]

    @Test("deploy/prometheus.yml is a valid Prometheus configuration scraping the gateway, matchmaker and orchestrator")
    func composeConfiguration() throws {
        let file = Self.deploy.appendingPathComponent("prometheus.yml")
        try expectValid(file)
        let text = try String(contentsOf: file, encoding: .utf8)
        for job in Self.jobs {
            #expect(text.contains("job_name: \(job)\n"), "no job \(job) in \(file.path)")
        }
    }

    @Test("prometheus-local.sh config writes a valid configuration for the addresses of local.sh's env file")
    func localConfiguration() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stampede-prometheus-local-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            GATEWAY_URL=http://127.0.0.1:21001
            MATCHMAKER_METRICS_URL=http://127.0.0.1:21002/metrics
            ORCHESTRATOR_URL=http://127.0.0.1:21003
            REDIS_PORT=21004

            """.write(to: directory.appendingPathComponent("env"), atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("prometheus.yml")
        let status = PrometheusChildProcess.runToEnd(
            "/bin/bash", arguments: ["-c", #""$0" config --interval 1s > "$1""#, Self.deploy.appendingPathComponent("prometheus-local.sh").path, config.path],
            log: directory.appendingPathComponent("script.log").path, environment: ["STAMPEDE_TARGET_DIR=\(directory.path)"]
        )
        #expect(status == 0, "prometheus-local.sh config: \((try? String(contentsOf: directory.appendingPathComponent("script.log"), encoding: .utf8)) ?? "")")
        try expectValid(config)
        let text = try String(contentsOf: config, encoding: .utf8)
        for (job, port) in zip(Self.jobs, [21001, 21002, 21003]) {
            #expect(text.contains("job_name: \(job)\n    metrics_path: /metrics\n    static_configs:\n      - targets: [\"127.0.0.1:\(port)\"]"), "\(text)")
        }
        #expect(text.contains("scrape_interval: 1s"))
    }

    @Test("The dashboards are Grafana schema 39 with unique panel ids, on the data source the provisioning declares")
    func dashboards() throws {
        let (_, dashboards) = try PrometheusDashboards.load()
        let provisioning = try String(
            contentsOf: Self.deploy.appendingPathComponent("grafana/provisioning/datasources/prometheus.yml"), encoding: .utf8
        )
        #expect(provisioning.contains("uid: prometheus\n"))
        var uids = Set<String>()
        for (file, dashboard) in dashboards {
            #expect(dashboard["schemaVersion"] as? Int == 39, "\(file)")
            let uid = dashboard["uid"] as? String ?? ""
            #expect(!uid.isEmpty && uids.insert(uid).inserted, "\(file): missing or repeated uid \(uid)")
            let panels = PrometheusDashboards.panels(in: dashboard)
            let ids = panels.compactMap { $0["id"] as? Int }
            #expect(ids.count == panels.count && Set(ids).count == ids.count, "\(file): panel ids missing or repeated")
            for panel in panels where panel["targets"] != nil {
                let source = panel["datasource"] as? [String: Any]
                #expect(source?["uid"] as? String == "prometheus", "\(file) › \(panel["title"] ?? "?"): data source \(source ?? [:])")
            }
        }
    }

    /// Expects `promtool check config FILE` (Debian's `prometheus` package) to accept `file`.
    private func expectValid(_ file: URL) throws {
        let promtool = "/usr/bin/promtool"
        guard FileManager.default.isExecutableFile(atPath: promtool) else { throw PrometheusServerError.notInstalled }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("stampede-promtool-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let status = PrometheusChildProcess.runToEnd(promtool, arguments: ["check", "config", file.path], log: log.path)
        #expect(status == 0, "promtool check config \(file.path): \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }
}
