import StampedeHTTPAdapter
import StampedePluginAPI
import Testing

/// Redirects on plain HTTP: followed up to 5 times, never in a cycle, `303` turning a `POST` into a `GET`.
@Suite("http adapter: redirects")
struct HTTPRedirectTests {
    typealias Support = HTTPTestSupport

    @Test func redirectsAreFollowed() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(
                    target, "get", ["path": .string("/redirect/3"), "expect_body_contains": .string("hello, load test")])
                #expect(outcome.isOK, "\(outcome.status)")
                #expect(outcome.tags["status"] == "200")
                #expect(server.stats.requests == 5)
            }
        }
    }

    @Test(arguments: [
        ("/redirect/6", "redirected more than 5 times"),
        ("/redirect-loop", "redirected in a cycle back to"),
    ])
    func redirectsThatNeverEndFail(path: String, fragment: String) async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(target, "get", ["path": .string(path)])
                #expect(Support.kind(outcome) == "http")
                #expect(Support.message(outcome)?.contains(fragment) == true, "\(outcome.status)")
                #expect(outcome.tags["status"] == "302")
            }
        }
    }

    @Test func seeOtherTurnsAPostIntoAGet() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(
                    target, "post", ["path": .string("/see-other"), "json": .map(["a": .number(1)])],
                    captures: ["method": "$.method", "body": "$.body"])
                #expect(outcome.isOK, "\(outcome.status)")
                #expect(outcome.captured["method"] == "GET")
                #expect(outcome.captured["body"] == "")
            }
        }
    }
}
