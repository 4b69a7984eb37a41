import PropertyBased
import StampedeModel
import StampedePlan
import Testing

/// All changes of `curve`, drawn in slices of `slice` seconds.
private func allChanges(of curve: CompiledCurve, slice: Double = 1) -> [LevelChange] {
    var changes = LevelChanges(curve: curve)
    var result: [LevelChange] = []
    var end = 0.0
    while end <= curve.horizon {
        end += slice
        changes.next(before: end, into: &result)
    }
    return result
}

/// Players online once every change before `t` has happened.
private func online(at t: Double, in changes: [LevelChange]) -> Int {
    changes.lazy.filter { $0.time <= t }.reduce(0) { $0 + $1.delta }
}

@Suite("Level changes")
struct LevelChangesTests {
    @Test("Ramp up, hold, ramp down: 1000 joins, then 1000 leaves")
    func rampHoldRamp() {
        let curve = CompiledCurve(.sequence([.ramp(from: 0, to: 1000, duration: 100), .hold(value: 1000, duration: 100),
                                             .ramp(from: 1000, to: 0, duration: 100)]),
                                  quantity: .level, horizon: 300)
        let changes = allChanges(of: curve, slice: 0.37)
        let joins = changes.filter { $0.delta == 1 }
        let leaves = changes.filter { $0.delta == -1 }
        #expect(joins.count == 1000)
        #expect(leaves.count == 1000)
        #expect(changes.prefix(1000).allSatisfy { $0.delta == 1 })
        #expect(zip(changes, changes.dropFirst()).allSatisfy { $0.time <= $1.time })
        // Player j joins when the level reaches j − ½, i.e. at (j − ½)/10 s.
        for (index, join) in joins.enumerated() {
            #expect(abs(join.time - (Double(index) + 0.5) / 10) < 1e-9)
        }
        // The last player leaves when the level drops below ½.
        #expect(abs((leaves.last?.time ?? 0) - (300 - 0.05)) < 1e-9)
    }

    @Test("An instant level spike makes N players join at once", arguments: [1, 37, 5000])
    func instantSpike(_ count: Int) {
        let curve = CompiledCurve(.sum([.hold(value: 10, duration: nil),
                                        .spike(count: Double(count), within: 0, shape: .instant, at: 20)]),
                                  quantity: .level, horizon: 60)
        let changes = allChanges(of: curve)
        #expect(changes.count == 10 + count)
        #expect(changes.prefix(10).allSatisfy { $0 == LevelChange(time: 0, delta: 1) })
        #expect(changes.dropFirst(10).allSatisfy { $0 == LevelChange(time: 20, delta: 1) })
    }

    @Test("Steps join and leave at their boundaries")
    func steps() {
        let changes = allChanges(of: CompiledCurve(.steps(values: [3, 7, 2], each: 10), quantity: .level, horizon: 40))
        #expect(changes.count == 3 + 4 + 5 + 2)
        #expect(changes.filter { $0.time == 0 }.map(\.delta) == [1, 1, 1])
        #expect(changes.filter { $0.time == 10 }.map(\.delta) == [1, 1, 1, 1])
        #expect(changes.filter { $0.time == 20 }.map(\.delta) == [-1, -1, -1, -1, -1])
        #expect(changes.filter { $0.time == 30 }.map(\.delta) == [-1, -1])
    }

    @Test("A normal level spike brings in exactly N players within its window")
    func normalSpike() {
        let curve = CompiledCurve(.spike(count: 1000, within: 6, shape: .normal, at: 4), quantity: .level, horizon: 30)
        let changes = allChanges(of: curve, slice: 0.5)
        #expect(changes.count == 1000)
        #expect(changes.allSatisfy { $0.delta == 1 && $0.time >= 4 && $0.time <= 10 })
        // Half of them by the window's middle.
        #expect(abs(online(at: 7, in: changes) - 500) <= 1)
    }

    @Test("Players online match the rounded level at any time (sine and Gaussian pieces)")
    func onlineMatchesLevel() async {
        let curves = [
            CompiledCurve(.sine(base: 100, amplitude: 60, period: 40, phase: 3, duration: nil), quantity: .level,
                          horizon: 120),
            CompiledCurve(.sum([.ramp(from: 0, to: 50, duration: 120),
                                .spike(count: 300, within: 30, shape: .normal, at: 40)]),
                          quantity: .level, horizon: 120),
        ]
        let changes = curves.map { allChanges(of: $0, slice: 2.5) }
        await propertyCheck(input: Gen.int(in: 0...1), Gen.double(in: 0..<120)) { index, t in
            let level = curves[index].value(at: t)
            // Away from a threshold, the count is exact.
            let distance = abs(level - level.rounded(.down) - 0.5)
            if distance > 1e-3 {
                let expected = level >= 0.5 ? Int((level + 0.5).rounded(.down)) : 0
                #expect(online(at: t, in: changes[index]) == expected)
            }
        }
    }

    @Test("online tracks the changes handed out")
    func onlineCounter() {
        var changes = LevelChanges(curve: CompiledCurve(.ramp(from: 0, to: 10, duration: 10), quantity: .level,
                                                        horizon: 10))
        var buffer: [LevelChange] = []
        changes.next(before: 5, into: &buffer)
        #expect(changes.online == 5)
        #expect(changes.nextChange() == LevelChange(time: 5.5, delta: 1))
        #expect(changes.online == 6)
    }
}
