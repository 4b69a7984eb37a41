import Foundation
import StampedeHTTPAdapter
import StampedePluginAPI
import Testing

/// Requests sent by the `http` adapter to a real server: what arrives, what is captured, what is counted.
@Suite("http adapter: requests")
struct HTTPRequestTests {
    typealias Support = HTTPTestSupport

    /// The echo route's answer to a request, parsed.
    static func echoed(_ outcome: ActionOutcome) throws -> [String: Any] {
        let body = try #require(outcome.captured["echo"])
        return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    @Test func getCapturesJSONHeaderAndStatus() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(
                    target, "get", ["path": .string("/json")],
                    captures: [
                        "token": "$.token", "second": "$.items[1].id", "name": "$.user.name", "request": "header:X-Request-Id",
                        "code": "status", "tags": "$.user.tags",
                    ])
                #expect(outcome.isOK, "\(outcome.status)")
                #expect(outcome.captured == [
                    "token": "abc123", "second": "8", "name": "Ada", "request": "r-42", "code": "200", "tags": #"["a","b"]"#,
                ])
                #expect(outcome.tags == ["status": "200", "method": "GET"])
            }
        }
    }

    @Test func postSendsJSONWithHeadersAndQuery() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(
                baseURL: server.baseURL + "/", ["headers": .map(["X-Team": .string("blue"), "X-Both": .string("target")])]
            ) { target in
                let json: ActionValue = .map([
                    "player": .string("player-7"), "score": .number(42), "ratio": .number(0.25), "ready": .bool(true),
                    "items": .list([.number(1), .string("two \"quoted\"")]), "none": .null,
                ])
                let outcome = await Support.perform(
                    target, "post",
                    [
                        "path": .string("echo"), "json": json,
                        "query": .map(["page": .number(2), "q": .string("a b&c=d/é")]),
                        "headers": .map(["X-Both": .string("request"), "Authorization": .string("Bearer t-1")]),
                    ],
                    captures: ["echo": "body"])
                #expect(outcome.isOK, "\(outcome.status)")
                #expect(outcome.tags == ["status": "200", "method": "POST"])
                let echo = try Self.echoed(outcome)
                #expect(echo["method"] as? String == "POST")
                #expect(echo["path"] as? String == "/echo")
                #expect(echo["query"] as? String == "page=2&q=a%20b%26c%3Dd%2F%C3%A9")
                #expect(echo["params"] as? [String: String] == ["page": "2", "q": "a b&c=d/é"])
                let headers = try #require(echo["headers"] as? [String: String])
                #expect(headers["content-type"] == "application/json")
                #expect(headers["x-team"] == "blue")
                #expect(headers["x-both"] == "request")
                #expect(headers["authorization"] == "Bearer t-1")
                let sent = try #require(echo["body"] as? String)
                #expect(sent == #"{"items":[1,"two \"quoted\""],"none":null,"player":"player-7","ratio":0.25,"ready":true,"score":42}"#)
            }
        }
    }

    @Test(arguments: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
    func requestActionUsesItsMethod(method: String) async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(
                    target, "request", ["method": .string(method), "path": .string("/echo?x=1"), "body": .string("raw text")],
                    captures: ["echo": "body", "method": "$.method"])
                #expect(outcome.isOK, "\(outcome.status)")
                #expect(outcome.captured["method"] == method)
                #expect(outcome.tags["method"] == method)
                let echo = try Self.echoed(outcome)
                #expect(echo["query"] as? String == "x=1")
            }
        }
    }

    @Test(arguments: ["put", "patch", "delete"])
    func shortcutsUseTheirMethod(action: String) async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(target, action, ["path": .string("/echo")], captures: ["method": "$.method"])
                #expect(outcome.captured["method"] == action.uppercased())
            }
        }
    }

    @Test func headRequestHasNoBody() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(target, "request", ["method": .string("HEAD"), "path": .string("/echo")])
                #expect(outcome.isOK, "\(outcome.status)")
                #expect(outcome.tags == ["status": "200", "method": "HEAD"])
            }
        }
    }

    @Test func absoluteURLReplacesBaseURL() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: "http://127.0.0.1:1/unused") { target in
                let outcome = await Support.perform(target, "get", ["path": .string(server.baseURL + "/text")], captures: ["text": "body"])
                #expect(outcome.isOK, "\(outcome.status)")
                #expect(outcome.captured["text"] == "hello, load test")
            }
        }
    }

    @Test func baseURLPathIsKept() async throws {
        try await HTTPTestServer.run { server in
            // `/status` + `/201` → /status/201 (and `expect_status` given as a number, as templates expand it).
            try await Support.withTarget(baseURL: server.baseURL + "/status") { target in
                let outcome = await Support.perform(target, "get", ["path": .string("201"), "expect_status": .number(201)])
                #expect(outcome.isOK, "\(outcome.status)")
                #expect(outcome.tags["status"] == "201")
            }
        }
    }

    @Test func bodyAndJSONChecksPass() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(
                    target, "get",
                    [
                        "path": .string("/json"), "expect_body_contains": .string(#""token":"abc123""#),
                        "expect_json": .map([
                            "$.ok": .string("true"), "$.count": .string("42"), "$.items[0].id": .string("7"), "$.ratio": .string("0.5"),
                            "$.none": .string("null"),
                        ]),
                    ])
                #expect(outcome.isOK, "\(outcome.status)")
            }
        }
    }

    @Test func bytesAreCounted() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let download = await Support.perform(target, "get", ["path": .string("/bytes/100000")])
                #expect(download.isOK)
                // The body, plus a head of a few dozen bytes.
                #expect(download.bytesIn > 100_000 && download.bytesIn < 100_400, "\(download.bytesIn)")
                #expect(download.bytesOut > 20 && download.bytesOut < 200, "\(download.bytesOut)")

                let upload = await Support.perform(
                    target, "post", ["path": .string("/echo"), "body": .string(String(repeating: "y", count: 5000))])
                #expect(upload.isOK)
                #expect(upload.bytesOut > 5000 && upload.bytesOut < 5300, "\(upload.bytesOut)")
                #expect(upload.bytesIn > 5000, "the echo holds the body: \(upload.bytesIn)")
            }
        }
    }
}
