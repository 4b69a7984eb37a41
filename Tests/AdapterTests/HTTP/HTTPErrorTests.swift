import StampedeHTTPAdapter
import StampedePluginAPI
import Testing

/// The `http` adapter's error kinds and messages, against a real server.
@Suite("http adapter: errors")
struct HTTPErrorTests {
    typealias Support = HTTPTestSupport

    @Test(arguments: [
        (404, nil, "status_404", "expected a status below 400, got 404 Not Found: status 404"),
        (500, nil, "status_500", "expected a status below 400, got 500 Internal Server Error: status 500"),
        (200, 201, "status_200", "expected status 201, got 200 OK: status 200"),
        (404, 404, nil, nil),
        (302, nil, "status_302", nil),
    ] as [(Int, Int?, String?, String?)])
    func statusDecidesSuccess(code: Int, expected: Int?, kind: String?, message: String?) async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                var parameters: [String: ActionValue] = ["path": .string("/status/\(code)")]
                if let expected { parameters["expect_status"] = .number(Double(expected)) }
                let outcome = await Support.perform(target, "get", parameters)
                if code == 302 {
                    // A redirect without a location is an answer like any other (below 400): success.
                    #expect(outcome.isOK, "\(outcome.status)")
                    return
                }
                #expect(Support.kind(outcome) == kind)
                #expect(Support.message(outcome) == message)
                #expect(outcome.tags == ["status": String(code), "method": "GET"])
                #expect(outcome.bytesIn > 0 && outcome.bytesOut > 0)
            }
        }
    }

    @Test func bodyMismatch() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(target, "get", ["path": .string("/text"), "expect_body_contains": .string("goodbye")])
                #expect(Support.kind(outcome) == "body_mismatch")
                #expect(Support.message(outcome) == "expected the body to contain 'goodbye', got: hello, load test")
            }
        }
    }

    @Test(arguments: [
        (["$.token": "xyz"], "expected $.token = 'xyz', got 'abc123'"),
        (["$.user.age": "3"], "found nothing there"),
        (["$.ok": "false"], "expected $.ok = 'false', got 'true'"),
    ])
    func jsonMismatch(expectations: [String: String], fragment: String) async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(
                    target, "get", ["path": .string("/json"), "expect_json": .map(expectations.mapValues { .string($0) })])
                #expect(Support.kind(outcome) == "json_mismatch")
                #expect(Support.message(outcome)?.contains(fragment) == true, "\(outcome.status)")
            }
        }
    }

    @Test func jsonCheckOnTextBody() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(
                    target, "get", ["path": .string("/text"), "expect_json": .map(["$.a": .string("1")])])
                #expect(Support.kind(outcome) == "json_mismatch")
                #expect(Support.message(outcome) == "expected JSON with $.a = '1', got: hello, load test")
            }
        }
    }

    @Test(arguments: [
        ("$.nothing", "capture 'value': found nothing at $.nothing"),
        ("header:X-Absent", "capture 'value': expected a header 'X-Absent', the response has none"),
    ])
    func missingCapture(expression: String, fragment: String) async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(target, "get", ["path": .string("/json")], captures: ["value": expression])
                #expect(Support.kind(outcome) == "capture_missing")
                #expect(Support.message(outcome)?.hasPrefix(fragment) == true, "\(outcome.status)")
                #expect(outcome.captured.isEmpty)
            }
        }
    }

    @Test func timeout() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL, ["timeout": .number(5)]) { target in
                let clock = ContinuousClock()
                let start = clock.now
                let outcome = await Support.perform(target, "get", ["path": .string("/sleep/3000"), "timeout": .number(0.2)])
                #expect(Support.kind(outcome) == "timeout", "\(outcome.status)")
                #expect(Support.message(outcome)?.hasPrefix("expected a response from \(server.baseURL)/sleep/3000 within 0.2s") == true)
                #expect(outcome.tags == ["method": "GET"])
                #expect(clock.now - start < .seconds(2))
            }
        }
    }

    @Test func timeoutCoversTheBody() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL, ["timeout": .number(1)]) { target in
                let outcome = await Support.perform(target, "get", ["path": .string("/slow-body/3000")])
                #expect(Support.kind(outcome) == "timeout", "\(outcome.status)")
                #expect(outcome.tags == ["method": "GET", "status": "200"], "the head came before the timeout")
                #expect(outcome.bytesIn > 5, "the head and `start` were received")
                #expect(
                    Support.message(outcome) == "expected the whole response from \(server.baseURL)/slow-body/3000 within 1s, "
                        + "the body was still coming after 5 bytes")
            }
        }
    }

    @Test func bodyOverTheLimitFails() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(target, "get", ["path": .string("/bytes/\(16 * 1024 * 1024 + 1)")])
                #expect(Support.kind(outcome) == "http", "\(outcome.status)")
                #expect(Support.message(outcome) == "expected a body of at most 16 MiB, got more")
                let exact = await Support.perform(target, "get", ["path": .string("/bytes/\(16 * 1024 * 1024)")])
                #expect(exact.isOK, "\(exact.status)")
            }
        }
    }

    @Test func targetTimeoutApplies() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL, ["timeout": .number(0.2)]) { target in
                let outcome = await Support.perform(target, "get", ["path": .string("/sleep/3000")])
                #expect(Support.kind(outcome) == "timeout", "\(outcome.status)")
            }
        }
    }

    @Test func connectionRefused() async throws {
        // Port 1 on the loopback: nothing listens there.
        try await Support.withTarget(baseURL: "http://127.0.0.1:1") { target in
            let outcome = await Support.perform(target, "get", ["path": .string("/")])
            #expect(Support.kind(outcome) == "connect", "\(outcome.status)")
            #expect(Support.message(outcome)?.hasPrefix("could not connect to http://127.0.0.1:1/") == true)
            #expect(outcome.tags == ["method": "GET"])
        }
    }

    @Test func cancelled() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let task = Task { await Support.perform(target, "get", ["path": .string("/sleep/3000")]) }
                try await Task.sleep(for: .milliseconds(150))
                task.cancel()
                let outcome = await task.value
                #expect(Support.kind(outcome) == "cancelled", "\(outcome.status)")
            }
        }
    }

    @Test(arguments: [
        ("get", ["path": ActionValue.string("/x"), "json": .number(.nan)], "the json body holds nan, which JSON cannot write"),
        ("get", ["path": .string("/x"), "json": .map([:]), "body": .string("b")], "give json or body, not both"),
        ("get", [:], "the get action needs a path"),
        ("request", ["path": .string("/x"), "method": .string("BREW")], "method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, got 'BREW'"),
        ("get", ["path": .string("http:///no-host")], nil),
    ] as [(String, [String: ActionValue], String?)])
    func invalidRequests(action: String, parameters: [String: ActionValue], message: String?) async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(target, action, parameters)
                #expect(Support.kind(outcome) == "invalid_request", "\(outcome.status)")
                if let message { #expect(Support.message(outcome) == message) }
                #expect(server.stats.requests == 0)
            }
        }
    }

    @Test func invalidCaptureExpression() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL) { target in
                let outcome = await Support.perform(target, "get", ["path": .string("/json")], captures: ["t": "token"])
                #expect(Support.kind(outcome) == "invalid_request")
                #expect(Support.message(outcome) == "capture 't': 'token' is not status, body, header:Name or a JSON path such as $.token")
            }
        }
    }
}
