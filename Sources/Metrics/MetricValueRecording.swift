extension MetricValue {
    /// Records a duration into a trend, in place (the histogram is not copied); other kinds are left alone.
    mutating func recordTrend(seconds: Double) {
        guard case .trend(var trend) = self else { return }
        self = .counter(0)  // drops the enum's reference to the histogram so that `trend` is uniquely referenced
        trend.record(seconds: seconds)
        self = .trend(trend)
    }

    /// Adds to a counter; other kinds are left alone.
    mutating func add(_ amount: Double) {
        if case .counter(let value) = self { self = .counter(value + amount) }
    }

    /// Adds a sample to a rate; other kinds are left alone.
    mutating func recordRate(_ sample: Bool) {
        if case let .rate(trues, total) = self { self = .rate(trues: trues + (sample ? 1 : 0), total: total + 1) }
    }

    /// Sets a gauge, in place; other kinds are left alone.
    mutating func setGauge(_ value: Double) {
        guard case .gauge(var gauge) = self else { return }
        self = .counter(0)
        gauge.set(value)
        self = .gauge(gauge)
    }
}
