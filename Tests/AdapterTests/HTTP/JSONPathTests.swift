import Foundation
import StampedePluginAPI
import Testing

@Suite("JSONPath")
struct JSONPathTests {
    static let document = Data(
        (#"{"a":{"b":"deep"},"items":[{"id":7},{"id":8,"tags":["x","y"]}],"key with space":1,"flag":true,"off":false,"#
            + #""n":42,"big":12345678901234,"half":0.5,"float2":2.0,"neg":-3,"nil":null,"empty":[],"o":{"z":1,"a":"s/t"},"#
            + #""dot.key":"d","q\"uote":"q","zero":0,"one":1}"#).utf8)

    @Test(arguments: [
        ("$.a.b", "deep"),
        ("$.items[0].id", "7"),
        ("$.items[1].id", "8"),
        ("$.items[-1].id", "8"),
        ("$.items[-2].id", "7"),
        ("$.items[1].tags[-1]", "y"),
        (#"$["key with space"]"#, "1"),
        ("$['key with space']", "1"),
        (#"$["dot.key"]"#, "d"),
        (#"$["q\"uote"]"#, "q"),
        (#"$["a"]["b"]"#, "deep"),
        ("$.flag", "true"),
        ("$.off", "false"),
        ("$.zero", "0"),
        ("$.one", "1"),
        ("$.n", "42"),
        ("$.big", "12345678901234"),
        ("$.half", "0.5"),
        ("$.float2", "2"),
        ("$.neg", "-3"),
        ("$.nil", "null"),
        ("$.empty", "[]"),
        ("$.o", #"{"a":"s/t","z":1}"#),
        ("$.items[1].tags", #"["x","y"]"#),
    ])
    func findsValuesAsText(path: String, expected: String) throws {
        let parsed = try #require(JSONPath(path))
        #expect(parsed.text(in: Self.document) == expected)
        #expect(parsed.description == path)
    }

    @Test(arguments: ["$.missing", "$.items[2]", "$.items[-3]", "$.a.b.c", "$.items.id", "$.a[0]", "$.n.x"])
    func missingValuesAreNil(path: String) throws {
        let parsed = try #require(JSONPath(path))
        #expect(parsed.text(in: Self.document) == nil)
    }

    @Test func rootIsTheWholeDocument() throws {
        let root = try #require(JSONPath("$"))
        #expect(root.steps.isEmpty)
        #expect(root.text(in: Data(#"{"b":1,"a":[true,null]}"#.utf8)) == #"{"a":[true,null],"b":1}"#)
        #expect(root.text(in: Data(#""plain""#.utf8)) == "plain")
        #expect(root.text(in: Data("17".utf8)) == "17")
    }

    @Test func parsesSteps() throws {
        let path = try #require(JSONPath(#"$.items[0]["a b"].id[-1]"#))
        #expect(path.steps == [.member("items"), .index(0), .member("a b"), .member("id"), .index(-1)])
    }

    @Test(arguments: ["", "a.b", ".a", "$.", "$..a", "$a", "$[", "$[0", "$[x]", "$[\"a\"", "$[\"a]", "$['a\"]", "$.a[]", "$.a[1.5]", "$ .a"])
    func rejectsMalformedPaths(text: String) {
        #expect(JSONPath(text) == nil)
    }

    @Test func notJSONIsNil() throws {
        let path = try #require(JSONPath("$.a"))
        #expect(path.text(in: Data("<html>".utf8)) == nil)
        #expect(path.text(in: Data()) == nil)
    }

    @Test func valueWorksOnParsedObjects() throws {
        let json = try JSONSerialization.jsonObject(with: Self.document)
        let value = try #require(JSONPath("$.items[0]")?.value(in: json))
        #expect((value as? [String: Any])?["id"] as? Int == 7)
        #expect(JSONPath.text(of: value) == #"{"id":7}"#)
        #expect(JSONPath("$.nil")?.value(in: json) is NSNull)
    }
}
