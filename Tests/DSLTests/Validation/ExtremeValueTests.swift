import Foundation
import StampedeDSL
import StampedeModel
import Testing

/// Values at the edge of what a `Double` holds must give a diagnostic, never a crash. Cases that once crashed
/// (`durationText` converting with `Int(_:)`) run in a child process (an exit test), so that a crash fails one
/// test instead of killing the suite.
@Suite("Extreme values")
struct ExtremeValueTests {
    typealias Harness = ValidationHarness

    @Test("a huge duration next to a short curve does not crash, and is only a warning")
    func hugeDuration() async {
        await #expect(processExitsWith: .success) {
            let result = ValidationHarness.validate(BaseScenario.replacing([
                3: "duration: 99999999999999999999999d",
                27: "    rate: { ramp: { from: 1/s, to: 2/s, over: 1m } }",
            ]))
            exit(result.isValid && ValidationHarness.warnings(result).count == 1 ? EXIT_SUCCESS : 3)
        }
    }

    @Test("a huge curve length next to a short duration does not crash, and is only a warning")
    func hugeCurve() async {
        await #expect(processExitsWith: .success) {
            let result = ValidationHarness.validate(
                BaseScenario.replacing(27, with: "    rate: { ramp: { from: 1/s, to: 2/s, over: 99999999999999999999999d } }"))
            exit(result.isValid && ValidationHarness.warnings(result).count == 1 ? EXIT_SUCCESS : 3)
        }
    }

    @Test("a duration too large for a Double is an error")
    func infiniteDuration() {
        let digits = String(repeating: "9", count: 400)
        let result = Harness.validate(BaseScenario.replacing(3, with: "duration: \(digits)s"))
        let error = Harness.diagnostic(in: result, line: 3, column: 11, containing: "is too large")
        #expect(error?.severity == .error, "\(Harness.listing(result))")
    }

    @Test("a seed too large for an integer is an error, not a wrap-around")
    func hugeSeed() {
        let result = Harness.validate(BaseScenario.replacing(2, with: "seed: 99999999999999999999"))
        #expect(Harness.diagnostic(in: result, line: 2, column: 7, containing: "seed: expected a whole number") != nil,
                "\(Harness.listing(result))")
        #expect(result.scenario == nil)
    }

    @Test("the largest seed a whole number can be is accepted")
    func largestSeed() {
        let result = Harness.validate(BaseScenario.replacing(2, with: "seed: \(Int.max)"))
        #expect(result.isValid, "\(Harness.listing(result))")
        #expect(result.scenario?.seed == UInt64(Int.max))
    }
}
