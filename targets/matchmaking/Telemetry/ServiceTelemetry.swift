import CoreMetrics
import Prometheus

/// The metrics of one service: a Prometheus registry it owns, and a swift-metrics factory creating metrics on it.
///
/// Library code never bootstraps the global `MetricsSystem`: it creates its metrics through ``factory`` (or
/// ``counter(_:dimensions:)`` and friends), so several services (or tests) can live in one process, each with its
/// own `/metrics`.
public struct ServiceTelemetry: Sendable {
    /// The registry every metric of the service lives on.
    public let registry: PrometheusCollectorRegistry
    /// A swift-metrics factory creating metrics on ``registry``.
    public let factory: PrometheusMetricsFactory
    /// The process metrics (`process_cpu_seconds_total` and the like), refreshed by each ``exposition()``; nil when
    /// left out.
    public let process: ProcessMetrics?

    /// Telemetry on `registry` (a fresh one by default), with the standard process metrics unless `processMetrics`
    /// is false.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), processMetrics: Bool = true) {
        self.registry = registry
        process = processMetrics ? ProcessMetrics(registry: registry) : nil
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = ServiceTelemetry.latencyBuckets
        self.factory = factory
    }

    /// Latency buckets, 1 ms to 10 s.
    public static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// A counter named `name` (a Prometheus name such as `gateway_logins_total`) on ``registry``.
    public func counter(_ name: String, dimensions: [(String, String)] = []) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: name, dimensions: dimensions, factory: factory)
    }

    /// A gauge named `name` on ``registry``.
    public func gauge(_ name: String, dimensions: [(String, String)] = []) -> CoreMetrics.Gauge {
        CoreMetrics.Gauge(label: name, dimensions: dimensions, factory: factory)
    }

    /// A latency histogram named `name` (seconds, ``latencyBuckets``) on ``registry``.
    public func timer(_ name: String, dimensions: [(String, String)] = []) -> CoreMetrics.Timer {
        CoreMetrics.Timer(label: name, dimensions: dimensions, preferredDisplayUnit: .seconds, factory: factory)
    }

    /// The Prometheus text exposition (format 0.0.4) of every metric, the process metrics read afresh.
    public func exposition() -> [UInt8] {
        process?.update()
        return registry.emitToBuffer()
    }
}
