import StampedeModel

/// Reads pause distributions (see ``DistributionSpec``) from validated nodes.
enum DistributionDecoder {
    /// The distribution written at `node`, or `nil` if any part of it is malformed.
    static func decode(_ node: YAMLNode) -> DistributionSpec? {
        if node.scalar != nil { return node.seconds.map(DistributionSpec.constant) }
        if let constant = node["constant"] { return constant.seconds.map(DistributionSpec.constant) }
        if let pacing = node["pacing"] { return pacing.seconds.map { .pacing(interval: $0) } }
        if let uniform = node["uniform"] {
            guard let min = uniform["min"]?.seconds, let max = uniform["max"]?.seconds else { return nil }
            return .uniform(min: min, max: max)
        }
        if let exponential = node["exponential"] {
            guard let mean = exponential["mean"]?.seconds, let max = optionalSeconds(exponential["max"]) else { return nil }
            return .exponential(mean: mean, max: max)
        }
        if let normal = node["normal"] {
            guard let mean = normal["mean"]?.seconds, let stddev = normal["stddev"]?.seconds,
                  let min = optionalSeconds(normal["min"]), let max = optionalSeconds(normal["max"]) else { return nil }
            return .normal(mean: mean, stddev: stddev, min: min, max: max)
        }
        if let lognormal = node["lognormal"] {
            guard let median = lognormal["median"]?.seconds, let sigma = lognormal["sigma"]?.number,
                  let min = optionalSeconds(lognormal["min"]), let max = optionalSeconds(lognormal["max"]) else { return nil }
            return .lognormal(median: median, sigma: sigma, min: min, max: max)
        }
        return nil
    }

    /// `.some(nil)` when absent, `.some(value)` when valid, `nil` when malformed.
    private static func optionalSeconds(_ node: YAMLNode?) -> Double?? {
        guard let node else { return .some(nil) }
        return node.seconds.map { .some($0) } ?? nil
    }
}
