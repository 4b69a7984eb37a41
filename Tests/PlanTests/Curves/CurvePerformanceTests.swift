import StampedeModel
import StampedePlan
import Testing

@Suite("Curve performance")
struct CurvePerformanceTests {
    @Test("An hour of one-second steps up to 10k/s compiles and yields one-second slices fast")
    func largeSequence() {
        let clock = ContinuousClock()
        let values = (0..<3600).map { Double(($0 * 7919) % 10_000) }
        var curve: CompiledCurve?
        let compile = clock.measure {
            curve = CompiledCurve(.sequence(values.map { .hold(value: $0, duration: 1) }), quantity: .rate,
                                  horizon: 3600)
        }
        guard let curve else { return }
        #expect(curve.pieceCount == 3600)
        #expect(curve.total == values.reduce(0, +))
        #expect(compile < .seconds(1))

        var schedule = ArrivalSchedule(curve: curve, process: .poisson, seed: 5)
        var buffer: [Double] = []
        buffer.reserveCapacity(20_000)
        var counts: [Int] = []
        let slices = clock.measure {
            for second in 1...5 {
                buffer.removeAll(keepingCapacity: true)
                schedule.next(before: Double(second), into: &buffer)
                counts.append(buffer.count)
            }
        }
        #expect(counts.reduce(0, +) > 10_000)
        #expect(slices < .seconds(1))
    }
}
