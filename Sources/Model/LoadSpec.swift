/// One load model of a scenario.
public struct LoadSpec: Sendable {
    /// How load is generated.
    public enum Model: Sendable {
        /// New runs of a behaviour arrive following `rate` (events per second), whatever the target does.
        case open(rate: CurveSpec, arrivals: ArrivalProcess, maxInFlight: Int?)
        /// `players` (a player-count curve) each loop their behaviour.
        case closed(players: CurveSpec)
        /// `players` are online; each starts its behaviour's activities at their per-player rates.
        case population(players: CurveSpec)

        /// `open`, `closed` or `population`.
        public var kindName: String {
            switch self {
            case .open: "open"
            case .closed: "closed"
            case .population: "population"
            }
        }
    }

    /// The load model's name.
    public var name: String
    /// How it generates load.
    public var model: Model
    /// The behaviours it draws from, with their weights.
    public var mix: [WeightedBehaviour]
    /// Where it is declared.
    public var location: SourceLocation

    /// Creates a load model.
    public init(name: String, model: Model, mix: [WeightedBehaviour], location: SourceLocation) {
        self.name = name
        self.model = model
        self.mix = mix
        self.location = location
    }
}

/// A behaviour and its weight in a load model's mix.
public struct WeightedBehaviour: Sendable, Equatable {
    /// The behaviour's name.
    public var behaviour: String
    /// Its weight (normalised over the mix).
    public var weight: Double
    /// Where the behaviour is named, when read from a file.
    public var location: SourceLocation?

    /// Creates a mix entry.
    public init(behaviour: String, weight: Double, location: SourceLocation? = nil) {
        self.behaviour = behaviour
        self.weight = weight
        self.location = location
    }
}

/// How open-model arrivals are spaced.
public enum ArrivalProcess: String, Sendable, Equatable, CaseIterable {
    /// Evenly along the curve: the k-th arrival is where the curve's integral reaches k − ½.
    case even
    /// A Poisson process along the curve, with exactly the curve's integral as its count.
    case poisson
}
