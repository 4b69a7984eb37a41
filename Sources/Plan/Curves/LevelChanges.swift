/// The joins and leaves that make a level curve (players online) happen, yielded lazily in time order.
///
/// The j-th player (j ≥ 1) is online while `level(t) ≥ j − ½`, so the number online is the level rounded
/// half up (0 for levels below ½). Events are found
/// - exactly (closed form) on linear, constant and step pieces, and as a burst of events at the very
///   instant where the level jumps (a step, or an `instant` level spike: N joins at once);
/// - on pieces with sine or Gaussian terms, by sampling sub-intervals of at most 0.25 s and locating each
///   threshold crossing by bisection to 1e-9 s. A threshold crossed and re-crossed within one such
///   sub-interval yields no event.
///
/// Players still online at the horizon get no leave event: the end of the run stops them.
/// Each event costs O(1) (O(log 1/tolerance) on sampled pieces) and allocates nothing.
public struct LevelChanges: Sendable {
    /// Longest sub-interval sampled on non-linear pieces (seconds).
    public static let samplingStep = 0.25
    /// Time resolution of the bisection on non-linear pieces (seconds).
    public static let bisectionTolerance = 1e-9

    /// What is being done within the current piece.
    private enum Stage: Sendable {
        /// Catching up with the level's value at the piece's start (jumps happen here).
        case start
        /// Walking a linear piece.
        case linear
        /// Walking sub-interval `index` of `count` of a non-linear piece.
        case sampled(index: Int, count: Int)
        /// No more events.
        case done
    }

    /// The level curve.
    public let curve: CompiledCurve
    /// Players online after the changes handed out so far.
    public private(set) var online = 0

    /// The current piece.
    private var piece = 0
    /// What is being done within it.
    private var stage = Stage.start
    /// Players online after the changes computed so far (handed out or pending).
    private var counted = 0
    /// Players online at the end of the current stage.
    private var target = 0
    /// Time of the last computed change.
    private var lastTime = 0.0
    /// The next change once computed but not yet handed out.
    private var pending: LevelChange?

    /// Prepares the changes of `curve` (read through `value(at:)`; meant for `.level` curves).
    public init(curve: CompiledCurve) {
        self.curve = curve
        if curve.horizon <= 0 { stage = .done }
        target = curve.horizon > 0 ? Self.count(curve.pieces.value(in: 0, at: 0)) : 0
    }

    /// Appends to `buffer`, in time order, every change not yet handed out whose time is `< t`.
    public mutating func next(before t: Double, into buffer: inout [LevelChange]) {
        while let change = peek(), change.time < t {
            buffer.append(change)
            pending = nil
            online += change.delta
        }
    }

    /// The next change, or `nil` when there are none left before the horizon.
    public mutating func nextChange() -> LevelChange? {
        guard let change = peek() else { return nil }
        pending = nil
        online += change.delta
        return change
    }

    /// Players online at a level (the level rounded half up, never negative).
    @inline(__always)
    static func count(_ level: Double) -> Int {
        level >= 0.5 ? Int((level + 0.5).rounded(.down)) : 0
    }

    /// The next change without handing it out.
    private mutating func peek() -> LevelChange? {
        if let pending { return pending }
        let pieces = curve.pieces
        while true {
            if case .done = stage { return nil }
            if counted != target {
                let delta = target > counted ? 1 : -1
                let threshold = Double(delta > 0 ? counted + 1 : counted) - 0.5
                let time = max(crossing(of: threshold, rising: delta > 0, pieces: pieces), lastTime)
                counted += delta
                lastTime = time
                let change = LevelChange(time: time, delta: delta)
                pending = change
                return change
            }
            advance(pieces: pieces)
        }
    }

    /// Moves to the next stage once the current one has no changes left.
    private mutating func advance(pieces: CurvePieces) {
        let start = pieces.breakpoints[piece]
        let end = pieces.breakpoints[piece + 1]
        switch stage {
        case .start:
            if pieces.isLinear(piece) {
                stage = .linear
                target = Self.count(pieces.value(in: piece, at: end))
            } else {
                let count = max(1, Int(((end - start) / Self.samplingStep).rounded(.up)))
                stage = .sampled(index: 0, count: count)
                target = Self.count(pieces.value(in: piece, at: sampleEnd(index: 0, count: count, pieces: pieces)))
            }
        case let .sampled(index, count) where index + 1 < count:
            stage = .sampled(index: index + 1, count: count)
            target = Self.count(pieces.value(in: piece, at: sampleEnd(index: index + 1, count: count, pieces: pieces)))
        case .linear, .sampled:
            piece += 1
            if piece >= pieces.count {
                stage = .done
            } else {
                stage = .start
                lastTime = max(lastTime, pieces.breakpoints[piece])
                target = Self.count(pieces.value(in: piece, at: pieces.breakpoints[piece]))
            }
        case .done:
            break
        }
    }

    /// The end of sub-interval `index` of `count` of the current piece.
    private func sampleEnd(index: Int, count: Int, pieces: CurvePieces) -> Double {
        let start = pieces.breakpoints[piece]
        let end = pieces.breakpoints[piece + 1]
        return index + 1 == count ? end : start + (end - start) * Double(index + 1) / Double(count)
    }

    /// When the level crosses `threshold` (upwards: first reaches it; downwards: drops below it) in the
    /// current stage.
    private func crossing(of threshold: Double, rising: Bool, pieces: CurvePieces) -> Double {
        let start = pieces.breakpoints[piece]
        let end = pieces.breakpoints[piece + 1]
        switch stage {
        case .start, .done:
            return start
        case .linear:
            let slope = pieces.slope[piece]
            guard slope != 0 else { return start }
            let time = start + (threshold - pieces.constant[piece]) / slope
            return min(max(time, start), end)
        case let .sampled(index, count):
            var low = max(lastTime, index == 0 ? start : sampleEnd(index: index - 1, count: count, pieces: pieces))
            var high = sampleEnd(index: index, count: count, pieces: pieces)
            while high - low > Self.bisectionTolerance {
                let middle = (low + high) / 2
                let level = pieces.value(in: piece, at: middle)
                let beyond = rising ? level >= threshold : level < threshold
                if beyond { high = middle } else { low = middle }
            }
            return high
        }
    }
}
