import Synchronization

/// The regions the loops serve, refreshed by the housekeeping task.
final class RegionList: Sendable {
    private let regions = Mutex<[String]>([])

    var current: [String] { regions.withLock { $0 } }

    func update(_ list: [String]) {
        regions.withLock { $0 = list }
    }
}
