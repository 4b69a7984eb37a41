import PropertyBased
import StampedeDSL
import StampedeModel
import Testing

@Suite("Threshold fuzzing")
struct ThresholdFuzzTests {
    /// Characters that matter to the grammar, so random texts hit many paths.
    static let alphabet = Array(#"latency{}action:game.login,"p(9.5)<=>!= ms%/e-1avgrt"#)

    static let text = Gen<Character?>.element(of: alphabet).map { $0 ?? " " }.string(of: 0...24)

    @Test("any key and criterion give a threshold or an error, located inside the text")
    func anyText() async {
        await propertyCheck(count: 500, input: Self.text, Self.text) { key, criterion in
            let (spec, diagnostics) = ThresholdFixture.compile(key, [criterion])
            #expect((spec == nil) == diagnostics.containsErrors, "\(key): \(criterion) → \(diagnostics)")
            for diagnostic in diagnostics {
                let origin = diagnostic.location.line == 3 ? ThresholdFixture.keyLocation : ThresholdFixture.criterionLocation
                let length = diagnostic.location.line == 3 ? key.count : criterion.count
                #expect((origin.column...(origin.column + length)).contains(diagnostic.location.column), "\(diagnostic)")
                #expect(diagnostic.severity == .warning || diagnostic.hint != nil, "\(diagnostic)")
            }
        }
    }
}
