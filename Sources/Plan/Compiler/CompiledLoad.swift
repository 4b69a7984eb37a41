import StampedeModel

/// A load model ready to schedule: its curve, and the O(1) choice of behaviour for each arrival or player.
public struct CompiledLoad: Sendable {
    /// The load model as written.
    public let spec: LoadSpec
    /// Its rate curve (open) or player curve (closed, population), cut at the scenario's duration.
    public let curve: CompiledCurve
    /// Indices (into the plan's behaviours) of the behaviours it draws from.
    public let behaviours: [Int]
    /// Each behaviour's share of the mix (normalised weights), aligned with `behaviours`.
    public let shares: [Double]
    /// O(1) choice of a behaviour, aligned with `behaviours`.
    public let mix: AliasTable

    init?(_ spec: LoadSpec, behaviourIndex: [String: Int], horizon: Double) {
        let entries = spec.mix.compactMap { entry in behaviourIndex[entry.behaviour].map { ($0, entry.weight) } }
        guard let mix = AliasTable(weights: entries.map(\.1)) else { return nil }
        self.spec = spec
        self.behaviours = entries.map(\.0)
        self.shares = mix.probabilities
        self.mix = mix
        switch spec.model {
        case .open(let rate, _, _): curve = CompiledCurve(rate, quantity: .rate, horizon: horizon)
        case .closed(let players), .population(let players): curve = CompiledCurve(players, quantity: .level, horizon: horizon)
        }
    }
}
