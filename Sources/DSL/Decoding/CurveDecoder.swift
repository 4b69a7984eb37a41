import StampedeModel

/// Reads curves (see ``CurveSpec``) from validated nodes.
enum CurveDecoder {
    /// The curve written at `node`, or `nil` if any part of it is malformed.
    static func decode(_ node: YAMLNode, _ quantity: CurveQuantity) -> CurveSpec? {
        switch node {
        case .scalar:
            return node.curveValue(quantity).map(CurveSpec.constant)
        case .sequence(let items, _):
            let parts = items.compactMap { decode($0, quantity) }
            return parts.count == items.count ? .sequence(parts) : nil
        case .mapping:
            return decodeTagged(node, quantity)
        }
    }

    private static func decodeTagged(_ node: YAMLNode, _ quantity: CurveQuantity) -> CurveSpec? {
        if let ramp = node["ramp"] {
            guard let from = ramp["from"]?.curveValue(quantity), let to = ramp["to"]?.curveValue(quantity),
                  let over = ramp["over"]?.seconds else { return nil }
            return .ramp(from: from, to: to, duration: over)
        }
        if let hold = node["hold"] {
            guard let value = hold["value"]?.curveValue(quantity) else { return nil }
            let duration = hold["for"]?.seconds
            if hold["for"] != nil, duration == nil { return nil }
            return .hold(value: value, duration: duration)
        }
        if let steps = node["steps"] {
            guard let items = steps["values"]?.items, let each = steps["each"]?.seconds else { return nil }
            let values = items.compactMap { $0.curveValue(quantity) }
            return values.count == items.count ? .steps(values: values, each: each) : nil
        }
        if let spike = node["spike"] ?? node["herd"] {
            guard let count = spike["count"]?.count, let within = spike["within"]?.seconds else { return nil }
            let shape = spike["shape"].map { $0.text.flatMap(SpikeShape.init(rawValue:)) } ?? .instant
            let at = spike["at"].map(\.seconds) ?? 0
            guard let shape, let at else { return nil }
            return .spike(count: count, within: within, shape: shape, at: at)
        }
        if let sine = node["sine"] {
            guard let base = sine["base"]?.curveValue(quantity), let amplitude = sine["amplitude"]?.curveValue(quantity),
                  let period = sine["period"]?.seconds else { return nil }
            let phase = sine["phase"].map(\.seconds) ?? 0
            let duration = sine["for"]?.seconds
            guard let phase, sine["for"] == nil || duration != nil else { return nil }
            return .sine(base: base, amplitude: amplitude, period: period, phase: phase, duration: duration)
        }
        if let points = node["points"]?.items {
            let decoded: [CurvePoint] = points.compactMap { pair in
                guard let values = pair.items, values.count == 2, let time = values[0].seconds,
                      let value = values[1].curveValue(quantity) else { return nil }
                return CurvePoint(time: time, value: value)
            }
            return decoded.count == points.count ? .points(decoded) : nil
        }
        if let sum = node["sum"]?.items {
            let parts = sum.compactMap { decode($0, quantity) }
            return parts.count == sum.count ? .sum(parts) : nil
        }
        return nil
    }
}
