import StampedeHTTPAdapter
import StampedePluginAPI
import Testing

/// Connection pooling and keep-alive, counted by the server (one remote port per connection).
@Suite("http adapter: connections")
struct HTTPConnectionTests {
    typealias Support = HTTPTestSupport

    @Test func poolOfOneReusesOneConnection() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL, ["pool_size": .number(1)]) { target in
                let outcomes = await withTaskGroup(of: ActionOutcome.self) { group in
                    for _ in 0..<24 { group.addTask { await Support.perform(target, "get", ["path": .string("/json")]) } }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                #expect(outcomes.filter { !$0.isOK }.isEmpty)
                #expect(server.stats.requests == 24)
                #expect(server.stats.connections == 1)
            }
        }
    }

    @Test func poolIsBoundedBySize() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL, ["pool_size": .number(3)]) { target in
                let outcomes = await withTaskGroup(of: ActionOutcome.self) { group in
                    for _ in 0..<12 { group.addTask { await Support.perform(target, "get", ["path": .string("/sleep/20")]) } }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                #expect(outcomes.filter { !$0.isOK }.isEmpty)
                #expect(server.stats.requests == 12)
                #expect(server.stats.connections >= 1 && server.stats.connections <= 3, "\(server.stats.connections)")
            }
        }
    }

    @Test func withoutKeepAliveEveryRequestConnects() async throws {
        try await HTTPTestServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL, ["keep_alive": .bool(false), "pool_size": .number(1)]) { target in
                for _ in 0..<5 {
                    let outcome = await Support.perform(target, "get", ["path": .string("/text")])
                    #expect(outcome.isOK, "\(outcome.status)")
                }
                #expect(server.stats.requests == 5)
                #expect(server.stats.connections == 5)
            }
        }
    }
}

/// A kept-alive connection the server closes just as it is reused.
@Suite("http adapter: stale connections")
struct HTTPStaleConnectionTests {
    typealias Support = HTTPTestSupport

    @Test("an idempotent request on a connection the server closed meanwhile is sent again on a new one, and counted")
    func idempotentRequestIsRetried() async throws {
        try await ClosingHTTPServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL, ["pool_size": .number(1)]) { target in
                var retries: [Double] = []
                for _ in 0..<5 {
                    let outcome = await Support.perform(target, "get", ["path": .string("/")])
                    #expect(outcome.isOK, "\(outcome.status)")
                    retries.append(outcome.metrics.filter { $0.name == "http_retries" }.reduce(0) { $0 + $1.value })
                }
                #expect(retries == [0, 1, 1, 1, 1], "each retry is counted in http_retries")
                #expect(server.stats.answered.load(ordering: .relaxed) == 5)
                // Every reuse met a closed connection: 4 retries, each on a connection of its own.
                #expect(server.stats.refused.load(ordering: .relaxed) == 4)
                #expect(server.stats.connections.load(ordering: .relaxed) == 5)
            }
        }
    }

    @Test("a POST on a connection the server closed meanwhile fails: it is never sent twice")
    func postIsNotRetried() async throws {
        try await ClosingHTTPServer.run { server in
            try await Support.withTarget(baseURL: server.baseURL, ["pool_size": .number(1)]) { target in
                #expect(await Support.perform(target, "post", ["path": .string("/")]).isOK)
                let second = await Support.perform(target, "post", ["path": .string("/")])
                #expect(!second.isOK)
                #expect(Support.message(second)?.contains("closed the connection") == true, "\(second.status)")
                #expect(server.stats.answered.load(ordering: .relaxed) == 1)
                #expect(server.stats.connections.load(ordering: .relaxed) == 1)
            }
        }
    }
}
