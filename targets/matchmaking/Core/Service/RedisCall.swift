#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a Redis operation, turning any failure into ``MatchmakingError/unavailable(_:)``.
func redisCall<T>(_ operation: () async throws -> T) async throws(MatchmakingError) -> T {
    do {
        return try await operation()
    } catch let error as MatchmakingError {
        throw error
    } catch {
        throw MatchmakingError.unavailable("redis: \(error)")
    }
}

/// Wall-clock seconds since 1970: the clock of ticket times, shared by every process using the queue.
func unixNow() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

extension MatchmakingSettings {
    /// The arguments every script takes first: prefix, stream length, now, result TTL.
    func scriptArguments(now: Double) -> [String] {
        [keyPrefix, String(eventStreamLength), String(now), String(resultTTL)]
    }
}
