import Foundation
import StampedeEngine
import StampedeMetrics
import StampedeModel
import StampedePlan
import StampedeReports
import Synchronization

/// Watches a run once per tick: live progress (one updating line on a terminal, a plain line every few seconds
/// otherwise) and `abortOnFail` thresholds.
final class RunMonitor: Sendable {
    private let engine: Engine
    private let thresholds: [ThresholdSpec]
    private let plannedRate: Double
    private let quiet: Bool
    private let tty: Bool
    private let lastLine = Mutex<Double>(-.infinity)
    private let lastStarted = Mutex<(time: Double, started: Int)>((0, 0))

    init(engine: Engine, plan: CompiledPlan, quiet: Bool) {
        self.engine = engine
        self.thresholds = plan.scenario.thresholds
        let planned = engine.plannedPerLoad.reduce(0, +)
        self.plannedRate = plan.scenario.duration > 0 ? Double(planned) / plan.scenario.duration : 0
        self.quiet = quiet
        self.tty = isatty(STDERR_FILENO) == 1
    }

    /// Called by the engine every tick.
    func tick(_ tick: EngineTick) {
        let needsAbortCheck = thresholds.contains { $0.criteria.contains(where: \.abortOnFail) }
        let showProgress = !quiet && (tty || lastLine.withLock { tick.elapsed - $0 >= 5 })
        guard needsAbortCheck || showProgress else { return }
        let store = engine.snapshot()
        if needsAbortCheck, engine.stop.acceptsWork {
            let verdicts = ThresholdEvaluator.evaluate(thresholds, store: store, elapsed: tick.elapsed)
            if let failed = ThresholdEvaluator.shouldAbort(verdicts, elapsed: tick.elapsed) {
                Terminal.printError("\nthreshold \(failed.name) failed (abortOnFail): stopping the run")
                engine.stop.request(.graceful, reason: .aborted(threshold: failed.name))
            }
        }
        guard showProgress else { return }
        lastLine.withLock { $0 = tick.elapsed }
        let rate = lastStarted.withLock { last -> Double in
            let interval = tick.elapsed - last.time
            let value = interval > 0 ? Double(tick.started - last.started) / interval : 0
            last = (tick.elapsed, tick.started)
            return value
        }
        let requests = Int(counter(store.merged("requests")))
        let errors: Int
        if case let .rate(trues, _) = store.merged("errors") { errors = Int(trues) } else { errors = 0 }
        var p95: Double?
        if case .trend(let trend) = store.merged("latency", matching: [TagFilter(key: "outcome", value: "ok", location: .init(file: "", line: 1, column: 1))]) {
            p95 = trend.percentile(95)
        }
        let snapshot = ProgressSnapshot(
            elapsed: min(tick.elapsed, tick.duration), total: tick.duration, plannedRate: plannedRate, achievedRate: rate,
            playersOnline: tick.playersOnline, inFlight: tick.inFlight, errors: errors, requests: requests, p95: p95
        )
        let line = ProgressLine.render(snapshot, tty: tty)
        FileHandle.standardError.write(Data((tty ? "\r" + line : line + "\n").utf8))
    }

    /// Ends the progress line.
    func finish() {
        if tty, !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func counter(_ value: MetricValue?) -> Double {
        if case .counter(let amount) = value { return amount }
        return 0
    }
}
