import StampedeModel
import StampedePlan
import StampedePluginAPI

/// A parameter value compiled once, rendered per action: templates expanded against the player, distributions
/// sampled with the player's seeded stream, durations converted to seconds.
indirect enum ValueTemplate: Sendable {
    /// A fixed value.
    case constant(ActionValue)
    /// Text with `{{ … }}` references.
    case text([TemplatePart])
    /// A distribution, sampled per action (seconds).
    case distribution(DistributionSampler)
    /// A list.
    case list([ValueTemplate])
    /// A mapping.
    case map([(String, ValueTemplate)])

    /// Renders the value for `context`.
    func render(_ context: inout RenderContext) -> ActionValue {
        switch self {
        case .constant(let value): return value
        case .text(let parts):
            var result = ""
            for part in parts { part.append(to: &result, context: &context) }
            return .string(result)
        case .distribution(let sampler):
            return .number(sampler.sample(using: &context.rng))
        case .list(let items):
            return .list(items.map { $0.render(&context) })
        case .map(let entries):
            var result: [String: ActionValue] = [:]
            for (key, value) in entries { result[key] = value.render(&context) }
            return .map(result)
        }
    }
}

/// A piece of templated text.
enum TemplatePart: Sendable {
    /// Plain text.
    case literal(String)
    /// A captured session variable.
    case session(String)
    /// A column of the player's row of a feeder.
    case data(feeder: String, column: String)
    /// The player's number.
    case playerID
    /// The player's iteration count.
    case iteration
    /// An environment variable (read once, at compile time).
    case constant(String)

    func append(to text: inout String, context: inout RenderContext) {
        switch self {
        case .literal(let literal), .constant(let literal): text += literal
        case .session(let name): text += context.player.variables[name] ?? ""
        case let .data(feeder, column):
            if let value = context.feeders?.value(feeder: feeder, column: column, player: context.player) {
                text += value
            } else {
                context.exhaustedFeeder = feeder
            }
        case .playerID: text += String(context.player.id)
        case .iteration: text += String(context.player.iteration)
        }
    }
}

/// What rendering needs: the player and its random stream, and the feeders.
struct RenderContext {
    let player: Player
    let feeders: FeederStore?
    var rng: SeededRandom
    /// Set when a `unique` feeder had no row left for the player.
    var exhaustedFeeder: String?

    /// A context for values without player references (target settings).
    static var constant: RenderContext {
        RenderContext(player: Player(id: 0, behaviour: 0, load: 0, targetCount: 0, rng: SeededRandom(seed: 0)), feeders: nil,
                      rng: SeededRandom(seed: 0), exhaustedFeeder: nil)
    }
}
