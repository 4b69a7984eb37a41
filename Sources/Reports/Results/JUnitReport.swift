import StampedeMetrics

/// Renders ``RunResults`` as JUnit XML for CI systems: one `<testcase>` per threshold criterion, named
/// `KEY: CRITERION` with class name `stampede.thresholds`; failed criteria carry a `<failure>` with the measured
/// value and the bound. A run that failed or was interrupted adds a `stampede.run` test case with an `<error>`.
public enum JUnitReport {
    /// The class name of threshold test cases.
    public static let thresholdClass = "stampede.thresholds"
    /// The class name of the test case describing a run that did not finish normally.
    public static let runClass = "stampede.run"

    /// The report, ending in a newline.
    public static func xml(_ results: RunResults) -> String {
        let failures = results.verdicts.count { !$0.passed }
        let runError = runErrorMessage(results.stopReason)
        let tests = results.verdicts.count + (runError == nil ? 0 : 1)
        let errors = runError == nil ? 0 : 1
        let time = seconds(results.elapsed)
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        lines.append(#"<testsuites name="stampede" tests="\#(tests)" failures="\#(failures)" errors="\#(errors)" time="\#(time)">"#)
        lines.append(
            #"  <testsuite name="\#(XMLText.escaped(results.scenario))" tests="\#(tests)" failures="\#(failures)" "#
                + #"errors="\#(errors)" skipped="0" time="\#(time)">"#)
        lines.append("    <properties>")
        let properties: [(String, String)] = [
            ("scenario", results.scenario), ("file", results.file), ("seed", String(results.seed)),
            ("stop_reason", results.stopReason.text), ("elapsed", time), ("exit_code", String(results.exitCode)),
        ]
        for (name, value) in properties {
            lines.append(#"      <property name="\#(name)" value="\#(XMLText.escaped(value))"/>"#)
        }
        lines.append("    </properties>")
        for verdict in results.verdicts {
            let open = #"    <testcase name="\#(XMLText.escaped(verdict.name))" classname="\#(thresholdClass)" time="0""#
            if verdict.passed {
                lines.append(open + "/>")
            } else {
                let message = failureMessage(verdict)
                lines.append(open + ">")
                lines.append(#"      <failure message="\#(XMLText.escaped(message))" type="threshold">\#(XMLText.escaped(message))</failure>"#)
                lines.append("    </testcase>")
            }
        }
        if let runError {
            lines.append(#"    <testcase name="run" classname="\#(runClass)" time="\#(time)">"#)
            lines.append(#"      <error message="\#(XMLText.escaped(runError))" type="run">\#(XMLText.escaped(runError))</error>"#)
            lines.append("    </testcase>")
        }
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `measured 250ms, bound < 200ms` (or `no data, bound < 200ms`).
    public static func failureMessage(_ verdict: ThresholdVerdict) -> String {
        let measured = verdict.value.map { "measured \(MeasureText.value($0, verdict.unit))" } ?? (verdict.reason ?? "no value")
        return "\(measured), bound \(MeasureText.bound(verdict))"
    }

    private static func runErrorMessage(_ reason: StopReason) -> String? {
        switch reason {
        case .completed, .aborted: nil
        case .interrupted, .failed: reason.text
        }
    }

    /// Seconds with millisecond precision, as JUnit's `time` attribute wants (no locale, no exponent).
    private static func seconds(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "0" }
        let millis = Int64((value * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
