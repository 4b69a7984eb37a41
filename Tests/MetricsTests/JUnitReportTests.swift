import Foundation
import StampedeMetrics
import StampedeReports
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What an XML parse of a JUnit report found.
final class JUnitCollector: NSObject, XMLParserDelegate {
    struct TestCase: Equatable {
        var name: String
        var classname: String
        var failure: String?
        var error: String?
    }

    var cases: [TestCase] = []
    var properties: [String: String] = [:]
    var suiteAttributes: [String: String] = [:]

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "testsuite": suiteAttributes = attributes
        case "property": properties[attributes["name"] ?? ""] = attributes["value"]
        case "testcase": cases.append(TestCase(name: attributes["name"] ?? "", classname: attributes["classname"] ?? ""))
        case "failure": cases[cases.count - 1].failure = attributes["message"]
        case "error": cases[cases.count - 1].error = attributes["message"]
        default: break
        }
    }

    /// Parses `xml`; nil when it is not well-formed.
    static func parse(_ xml: String) -> JUnitCollector? {
        let collector = JUnitCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }
}

@Suite("JUnit report")
struct JUnitReportTests {
    static func verdict(_ key: String, _ criterion: String, passed: Bool, value: Double?, unit: VerdictUnit, _ comparison: String,
                        _ bound: Double, reason: String? = nil) -> ThresholdVerdict {
        ThresholdVerdict(key: key, criterion: criterion, passed: passed, value: value, unit: unit, comparison: comparison,
                         bound: bound, reason: reason)
    }

    static let verdicts = [
        verdict("latency{action:game.login}", "p(95) < 200ms", passed: false, value: 0.25, unit: .seconds, "<", 0.2),
        verdict("errors", "rate < 1%", passed: true, value: 0.005, unit: .fraction, "<", 0.01),
        verdict("latency{action:a<&>\"'}", "med < 1s", passed: false, value: nil, unit: .seconds, "<", 1, reason: "no data"),
        verdict("requests", "rate >= 100/s", passed: false, value: 42.5, unit: .perSecond, ">=", 100),
    ]

    @Test("well-formed, one test case per criterion, failures with measured value and bound")
    func content() throws {
        let results = Fixtures.results(Fixtures.smallRun(), verdicts: Self.verdicts)
        let xml = JUnitReport.xml(results)
        let parsed = try #require(JUnitCollector.parse(xml))
        #expect(parsed.cases.count == 4)
        #expect(parsed.cases.allSatisfy { $0.classname == "stampede.thresholds" })
        #expect(parsed.cases.map(\.name) == Self.verdicts.map(\.name))
        #expect(parsed.cases[2].name == "latency{action:a<&>\"'}: med < 1s")
        #expect(parsed.cases[0].failure == "measured 250ms, bound < 200ms")
        #expect(parsed.cases[1].failure == nil)
        #expect(parsed.cases[2].failure == "no data, bound < 1s")
        #expect(parsed.cases[3].failure == "measured 42.5/s, bound >= 100/s")
        #expect(parsed.cases.allSatisfy { $0.error == nil })
        #expect(parsed.properties["scenario"] == "ci-smoke")
        #expect(parsed.properties["seed"] == "42")
        #expect(parsed.properties["stop_reason"] == "completed")
        #expect(parsed.properties["exit_code"] == "99")
        #expect(parsed.suiteAttributes["tests"] == "4" && parsed.suiteAttributes["failures"] == "3")
        #expect(parsed.suiteAttributes["errors"] == "0" && parsed.suiteAttributes["time"] == "10.000")
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
    }

    @Test("names with markup, quotes, line breaks and control characters stay well-formed")
    func escaping() throws {
        let nasty = "a<b>&\"c'\nd\u{1}e\u{FFFF}"
        let results = Fixtures.results(
            MetricsStore(), verdicts: [Self.verdict(nasty, "count > 0", passed: false, value: 0, unit: .count, ">", 0)],
            stop: .failed(message: "adapter <http> & \"friends\" failed\u{7}"), scenario: nasty)
        let parsed = try #require(JUnitCollector.parse(JUnitReport.xml(results)))
        #expect(parsed.properties["scenario"] == "a<b>&\"c'\nd\u{FFFD}e\u{FFFD}")
        #expect(parsed.cases.count == 2)
        #expect(parsed.cases[0].name == "a<b>&\"c'\nd\u{FFFD}e\u{FFFD}: count > 0")
        #expect(parsed.cases[0].failure == "measured 0, bound > 0")
        #expect(parsed.cases[1] == .init(name: "run", classname: "stampede.run", failure: nil,
                                         error: "failed: adapter <http> & \"friends\" failed\u{FFFD}"))
        #expect(parsed.properties["exit_code"] == "1")
    }

    @Test("an interrupted run reports an error test case; an empty run is still a valid report")
    func interruptedAndEmpty() throws {
        let interrupted = try #require(JUnitCollector.parse(JUnitReport.xml(Fixtures.results(MetricsStore(), stop: .interrupted(signal: 2)))))
        #expect(interrupted.cases.map(\.name) == ["run"])
        #expect(interrupted.cases.first?.error == "interrupted by signal 2")
        let empty = try #require(JUnitCollector.parse(JUnitReport.xml(Fixtures.results(MetricsStore()))))
        #expect(empty.cases.isEmpty)
        #expect(empty.suiteAttributes["tests"] == "0")
    }
}
