import Foundation

/// The Grafana dashboards shipped in `targets/matchmaking/deploy/grafana/dashboards/`, read as the tests check them:
/// every panel query, and the metric names each one uses.
enum PrometheusDashboards {
    /// A panel query: the dashboard file, the panel title and the PromQL expression.
    struct Query: Sendable, CustomStringConvertible {
        /// The dashboard's file name.
        let dashboard: String
        /// The panel's title.
        let panel: String
        /// The expression as written, with Grafana variables.
        let expression: String

        /// The expression Prometheus can evaluate: Grafana's interval variables replaced by `1m`.
        var evaluable: String {
            expression.replacingOccurrences(of: "$__rate_interval", with: "1m").replacingOccurrences(of: "$__interval", with: "1m")
        }

        /// The metric names it reads: identifiers with an underscore that are not function calls, string contents or
        /// label names (the dashboards use only label names without underscores). `up` is not listed.
        var metricNames: Set<String> {
            let withoutStrings = expression.replacing(/"(?:[^"\\]|\\.)*"/, with: "\"\"")
            var names = Set<String>()
            for match in withoutStrings.matches(of: /[A-Za-z_:][A-Za-z0-9_:]*/) {
                let name = String(match.output)
                let next = withoutStrings[match.range.upperBound...].first { !$0.isWhitespace }
                guard name.contains("_"), next != "(", !["group_left", "group_right", "__rate_interval", "__interval"].contains(name)
                else { continue }
                names.insert(name)
            }
            return names
        }

        var description: String { "\(dashboard) › \(panel): \(expression)" }
    }

    /// The folder of the dashboards.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("targets/matchmaking/deploy/grafana/dashboards")

    /// Every panel query of every dashboard (rows' nested panels included), and each dashboard's JSON object.
    static func load() throws -> (queries: [Query], dashboards: [String: [String: Any]]) {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        var queries: [Query] = []
        var dashboards: [String: [String: Any]] = [:]
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            dashboards[file] = object
            for panel in panels(in: object) {
                let title = panel["title"] as? String ?? "?"
                for target in panel["targets"] as? [[String: Any]] ?? [] {
                    if let expression = target["expr"] as? String {
                        queries.append(Query(dashboard: file, panel: title, expression: expression))
                    }
                }
            }
        }
        return (queries, dashboards)
    }

    /// The panels of a dashboard, those nested in collapsed rows included.
    static func panels(in dashboard: [String: Any]) -> [[String: Any]] {
        var result: [[String: Any]] = []
        for panel in dashboard["panels"] as? [[String: Any]] ?? [] {
            result.append(panel)
            result += panel["panels"] as? [[String: Any]] ?? []
        }
        return result
    }
}
