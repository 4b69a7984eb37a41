import AsyncHTTPClient
import Foundation
import NIOCore

/// The few calls of Prometheus's HTTP API (`/api/v1/...`) the tests make, over the shared AsyncHTTPClient.
struct PrometheusAPI: Sendable {
    /// A scrape target as `/api/v1/targets` reports it.
    struct Target: Decodable, Sendable {
        /// Its labels (`job`, `instance`).
        let labels: [String: String]
        /// The URL scraped.
        let scrapeUrl: String
        /// `up`, `down` or `unknown` (not scraped yet).
        let health: String
        /// Why the last scrape failed, or empty.
        let lastError: String
    }

    /// One series of an instant query's vector result.
    struct Sample: Sendable {
        /// Its labels, `__name__` included when the expression keeps it.
        let labels: [String: String]
        /// Its value (NaN allowed).
        let value: Double
    }

    /// The answer to an instant query: the samples, or Prometheus's error (such as a PromQL syntax error).
    enum QueryResult: Sendable {
        /// The expression was evaluated; a vector of samples (empty when no series matched).
        case vector([Sample])
        /// Prometheus refused it: `errorType` and message.
        case error(String)
    }

    /// `http://127.0.0.1:PORT`.
    let baseURL: String

    /// Whether `GET /-/ready` answers 200.
    func isReady() async throws -> Bool {
        let (status, _) = try await get("/-/ready")
        return status == 200
    }

    /// The active scrape targets.
    func targets() async throws -> [Target] {
        struct Reply: Decodable {
            struct Data: Decodable { let activeTargets: [Target] }
            let data: Data
        }
        let (_, body) = try await get("/api/v1/targets?state=active")
        return try JSONDecoder().decode(Reply.self, from: body).data.activeTargets
    }

    /// Every metric name Prometheus has stored (`/api/v1/label/__name__/values`).
    func metricNames() async throws -> Set<String> {
        struct Reply: Decodable { let data: [String] }
        let (_, body) = try await get("/api/v1/label/__name__/values")
        return Set(try JSONDecoder().decode(Reply.self, from: body).data)
    }

    /// Evaluates `expression` at the current time (`/api/v1/query`).
    func query(_ expression: String) async throws -> QueryResult {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = expression.addingPercentEncoding(withAllowedCharacters: allowed) ?? expression
        let (_, body) = try await get("/api/v1/query?query=\(encoded)")
        let reply = try JSONDecoder().decode(QueryReply.self, from: body)
        guard reply.status == "success", let data = reply.data else {
            return .error("\(reply.errorType ?? "error"): \(reply.error ?? "no message")")
        }
        guard data.resultType == "vector" else { return .error("expected a vector, got a \(data.resultType)") }
        return .vector(data.result.map { Sample(labels: $0.metric, value: Double($0.value.text) ?? .nan) })
    }

    /// The values of `expression`'s samples (empty when no series matched, or when Prometheus refused it).
    func values(_ expression: String) async throws -> [Double] {
        guard case .vector(let samples) = try await query(expression) else { return [] }
        return samples.map(\.value)
    }

    private func get(_ path: String) async throws -> (status: Int, body: Data) {
        let request = HTTPClientRequest(url: baseURL + path)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let bytes = try await response.body.collect(upTo: 8 << 20)
        return (Int(response.status.code), Data(buffer: bytes))
    }
}

/// `/api/v1/query`'s JSON.
private struct QueryReply: Decodable {
    struct Series: Decodable {
        let metric: [String: String]
        let value: TimedValue
    }

    struct Result: Decodable {
        let resultType: String
        let result: [Series]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            resultType = try container.decode(String.self, forKey: .resultType)
            // Scalars and strings are one `[time, "value"]` pair, not a list of series.
            result = resultType == "vector" ? try container.decode([Series].self, forKey: .result) : []
        }

        private enum CodingKeys: String, CodingKey { case resultType, result }
    }

    let status: String
    let data: Result?
    let errorType: String?
    let error: String?
}

/// A `[unix time, "value"]` pair.
private struct TimedValue: Decodable {
    let text: String

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        _ = try container.decode(Double.self)
        text = try container.decode(String.self)
    }
}
