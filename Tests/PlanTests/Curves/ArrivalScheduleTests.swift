import PropertyBased
import StampedeModel
import StampedePlan
import Testing

/// Curves that arrival schedules are drawn from in the properties below.
private let scheduleCurves: [CompiledCurve] = [
    CompiledCurve(.ramp(from: 0, to: 100, duration: 60), quantity: .rate, horizon: 60),
    CompiledCurve(.sum([.constant(3.3), .spike(count: 500, within: 0, shape: .instant, at: 20)]), quantity: .rate,
                  horizon: 60),
    CompiledCurve(.spike(count: 1234, within: 10, shape: .normal, at: 45), quantity: .rate, horizon: 60),
    CompiledCurve(.sine(base: 5, amplitude: 20, period: 13, phase: 1, duration: nil), quantity: .rate, horizon: 60),
    CompiledCurve(.sequence([.steps(values: [10, 0, 40, 0.3], each: 7), .hold(value: 2.5, duration: 10)]),
                  quantity: .rate, horizon: 60),
    CompiledCurve(.hold(value: 0.4, duration: nil), quantity: .rate, horizon: 60),
]

/// Every arrival of `schedule`, drawn in slices of the given widths (cycled) until past the horizon.
private func drain(_ schedule: inout ArrivalSchedule, slices: [Double]) -> [Double] {
    var times: [Double] = []
    var end = 0.0
    var index = 0
    while end <= schedule.curve.horizon {
        end += slices[index % slices.count]
        index += 1
        schedule.next(before: end, into: &times)
    }
    return times
}

@Suite("Arrival schedules")
struct ArrivalScheduleTests {
    @Test("Slicing never loses or duplicates arrivals; times are ordered and within the horizon")
    func slicing() async {
        await propertyCheck(
            input: Gen.int(in: 0...(scheduleCurves.count - 1)), Gen<ArrivalProcess>.case,
            Gen.double(in: 0.01...7).array(of: 1...6), Gen.uint64()
        ) { index, process, slices, seed in
            let curve = scheduleCurves[index]
            var schedule = ArrivalSchedule(curve: curve, process: process, seed: seed)
            let times = drain(&schedule, slices: slices)
            #expect(schedule.plannedCount == Int(curve.total.rounded()))
            #expect(times.count == schedule.plannedCount)
            #expect(schedule.issued == times.count)
            #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
            #expect(times.allSatisfy { $0 >= 0 && $0 <= curve.horizon })
            #expect(schedule.nextArrival() == nil)

            var whole = ArrivalSchedule(curve: curve, process: process, seed: seed)
            #expect(drain(&whole, slices: [1000]) == times)
        }
    }

    @Test("Even arrivals sit where the cumulative curve reaches k − ½")
    func evenPositions() {
        let curve = CompiledCurve(.constant(10), quantity: .rate, horizon: 10)
        var schedule = ArrivalSchedule(curve: curve, process: .even, seed: 1)
        #expect(schedule.plannedCount == 100)
        for k in 1...100 {
            let time = schedule.nextArrival()
            #expect(abs((time ?? -1) - (Double(k) - 0.5) / 10) < 1e-12)
        }
        #expect(schedule.nextArrival() == nil)
    }

    @Test("Even arrivals per second follow a ramp", arguments: [ArrivalProcess.even])
    func evenFollowsRamp(_ process: ArrivalProcess) {
        var schedule = ArrivalSchedule(curve: scheduleCurves[0], process: process, seed: 7)
        #expect(schedule.plannedCount == 3000)
        var buffer: [Double] = []
        for second in 0..<60 {
            buffer.removeAll(keepingCapacity: true)
            schedule.next(before: Double(second + 1), into: &buffer)
            // Expected ∫ over [s, s + 1) of (100/60) t = (100/60)(s + ½); even spacing is within one of it.
            #expect(abs(Double(buffer.count) - 100.0 / 60 * (Double(second) + 0.5)) <= 1)
        }
    }

    @Test("Poisson arrivals follow a ramp statistically")
    func poissonFollowsRamp() {
        var schedule = ArrivalSchedule(curve: scheduleCurves[0], process: .poisson, seed: 42)
        var firstHalf: [Double] = []
        schedule.next(before: 30, into: &firstHalf)
        // A quarter of the 3000 arrivals fall in the first half: binomial(3000, ¼), σ ≈ 23.7.
        #expect(abs(Double(firstHalf.count) - 750) < 5 * 23.7)
        var rest: [Double] = []
        schedule.next(before: 61, into: &rest)
        #expect(firstHalf.count + rest.count == 3000)
    }

    @Test("Poisson arrivals are deterministic per seed", arguments: [UInt64(0), 1, 99, .max])
    func poissonDeterministic(_ seed: UInt64) {
        let curve = scheduleCurves[3]
        var first = ArrivalSchedule(curve: curve, process: .poisson, seed: seed)
        var second = ArrivalSchedule(curve: curve, process: .poisson, seed: seed)
        var other = ArrivalSchedule(curve: curve, process: .poisson, seed: seed &+ 1)
        let a = drain(&first, slices: [0.7])
        let b = drain(&second, slices: [3.1, 0.2])
        let c = drain(&other, slices: [0.7])
        #expect(a == b)
        #expect(a.count == c.count)
        #expect(a != c)
    }

    @Test("An instant spike yields all its arrivals at the spike's time", arguments: ArrivalProcess.allCases)
    func instantSpike(_ process: ArrivalProcess) {
        let curve = CompiledCurve(.spike(count: 5000, within: 0, shape: .instant, at: 12), quantity: .rate, horizon: 60)
        var schedule = ArrivalSchedule(curve: curve, process: process, seed: 3)
        var times: [Double] = []
        schedule.next(before: 12, into: &times)
        #expect(times.isEmpty)
        schedule.next(before: 12.000_001, into: &times)
        #expect(times.count == 5000)
        #expect(times.allSatisfy { $0 == 12 })
    }

    @Test("scale turns players × per-player rate into arrivals")
    func scaled() {
        let players = CompiledCurve(.hold(value: 100, duration: nil), quantity: .level, horizon: 60)
        var schedule = ArrivalSchedule(curve: players, scale: 0.5, process: .even, seed: 0)
        #expect(schedule.plannedCount == 3000)
        var times: [Double] = []
        schedule.next(before: 1, into: &times)
        #expect(times.count == 50)
        #expect(abs(times[0] - 0.01) < 1e-12)
    }

    @Test("The planned count is rounded once from the total", arguments: [(0.4, 0), (0.5, 1), (2.49, 2), (2.5, 3)])
    func rounding(_ pair: (Double, Int)) {
        let curve = CompiledCurve(.hold(value: pair.0 / 10, duration: nil), quantity: .rate, horizon: 10)
        var schedule = ArrivalSchedule(curve: curve, process: .even, seed: 0)
        #expect(schedule.plannedCount == pair.1)
        var times: [Double] = []
        schedule.next(before: .infinity, into: &times)
        #expect(times.count == pair.1)
    }
}
