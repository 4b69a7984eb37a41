import Dispatch
import Foundation
import StampedeEngine
import StampedeMetrics
import Synchronization

/// Ctrl-C and SIGTERM during a run: the first asks for a graceful stop, the second stops at once. Results are
/// written either way.
final class SignalHandling: Sendable {
    private let stop: StopControl
    private let sources = Mutex<[SendableSource]>([])
    private let count = Atomic<Int>(0)

    init(stop: StopControl) {
        self.stop = stop
    }

    func install() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in received(number) }
            source.resume()
            let box = SendableSource(source: source)
            sources.withLock { $0.append(box) }
        }
    }

    func uninstall() {
        sources.withLock { sources in
            sources.forEach { $0.source.cancel() }
            sources = []
        }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    private func received(_ number: Int32) {
        let seen = count.add(1, ordering: .relaxed).newValue
        if seen == 1 {
            Terminal.printError("\nstopping: no new work; in-flight work may finish (press Ctrl-C again to stop at once)")
            stop.request(.graceful, reason: .interrupted(signal: number))
        } else {
            Terminal.printError("\nstopping now; writing what was measured")
            stop.request(.abort, reason: .interrupted(signal: number))
        }
    }
}

/// A signal source, which Dispatch lets any thread cancel.
private struct SendableSource: @unchecked Sendable {
    let source: any DispatchSourceSignal
}
