import Hummingbird

extension RouterMethods {
    /// Adds `GET /metrics`: the Prometheus text exposition of `telemetry`, `text/plain; version=0.0.4`.
    @discardableResult
    public func addMetricsRoute(_ telemetry: ServiceTelemetry, path: RouterPath = "/metrics") -> Self {
        get(path) { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: telemetry.exposition())))
        }
        return self
    }
}
