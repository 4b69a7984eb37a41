/// A distribution of durations, in seconds: think times, and delays of the `null` adapter.
public enum DistributionSpec: Sendable, Equatable {
    /// Always `seconds`.
    case constant(Double)
    /// Uniform between `min` and `max`.
    case uniform(min: Double, max: Double)
    /// Exponential with the given mean (memoryless pauses), optionally capped at `max`.
    case exponential(mean: Double, max: Double?)
    /// Normal, truncated to `min...max` (`min` defaults to 0: a pause is never negative).
    case normal(mean: Double, stddev: Double, min: Double?, max: Double?)
    /// Log-normal with the given median and shape `sigma`, truncated to `min...max`.
    case lognormal(median: Double, sigma: Double, min: Double?, max: Double?)
    /// Pacing: wait so that the state, from the start of its action, takes `interval` in all
    /// (nothing when the action already took longer).
    case pacing(interval: Double)
}
