import CoreMetrics
import Hummingbird
import Synchronization

/// Counts every request in `http_requests_total{path,status}` and times it in `http_request_duration_seconds{path}`.
///
/// `path` is the matched route pattern (`/matchmaking/status`, `/items/{id}`), never the raw URL, so the label
/// set stays bounded; requests matching no route count under Hummingbird's `NotFound` (or `unmatched` if no path
/// was recorded). Put it first (outermost), so that it sees the
/// status of error responses made by inner middleware. Errors escaping the chain count with their HTTP status (500
/// for anything else).
public struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let metrics: HTTPMetricsCache

    /// A middleware recording into `telemetry`.
    public init(telemetry: ServiceTelemetry) {
        metrics = HTTPMetricsCache(telemetry: telemetry)
    }

    /// Passes the request on, then records its route, status and latency.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.record(path: context.endpointPath, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.record(path: context.endpointPath, status: status, since: start)
            throw error
        }
    }
}

/// The request counters and timers already made, by route and status: one lock and a lookup per request.
final class HTTPMetricsCache: Sendable {
    private struct Key: Hashable {
        let path: String
        let status: Int
    }

    private struct Entry {
        let counter: CoreMetrics.Counter
        let timer: CoreMetrics.Timer
    }

    private let telemetry: ServiceTelemetry
    private let entries = Mutex<[Key: Entry]>([:])

    init(telemetry: ServiceTelemetry) {
        self.telemetry = telemetry
    }

    func record(path: String?, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let key = Key(path: path ?? "unmatched", status: status)
        let entry = entries.withLock { entries in
            if let entry = entries[key] { return entry }
            let entry = Entry(
                counter: telemetry.counter("http_requests_total", dimensions: [("path", key.path), ("status", String(status))]),
                timer: telemetry.timer("http_request_duration_seconds", dimensions: [("path", key.path)])
            )
            entries[key] = entry
            return entry
        }
        entry.counter.increment()
        entry.timer.record(elapsed)
    }
}
