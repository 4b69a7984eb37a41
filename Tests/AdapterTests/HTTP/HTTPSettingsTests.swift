import StampedeHTTPAdapter
import StampedePluginAPI
import Testing

/// The `http` adapter's declaration and target settings.
@Suite("http adapter: settings")
struct HTTPSettingsTests {
    @Test func declaration() {
        let declaration = HTTPAdapter.declaration
        #expect(declaration.name == "http")
        #expect(declaration.actions.map(\.name) == ["request", "get", "post", "put", "patch", "delete"])
        #expect(declaration.config.map(\.name) == ["base_url", "pool_size", "timeout", "keep_alive", "headers"])
        #expect(declaration.config.first { $0.required }?.name == "base_url")
        #expect(declaration.tags == ["status", "method"])
        #expect(declaration.metrics.map(\.name) == ["http_retries"])
        for action in declaration.actions {
            #expect(action.captures == nil)
            #expect(action.parameters.first { $0.name == "path" }?.required == true)
            #expect((action.parameters.first { $0.name == "method" } != nil) == (action.name == "request"))
        }
    }

    @Test func defaults() throws {
        let settings = try HTTPTargetSettings(TargetConfig(name: "api", settings: ["base_url": .string("http://h:8080/api//")]))
        #expect(settings.baseURL == "http://h:8080/api")
        #expect(settings.poolSize == 64)
        #expect(settings.timeout == 30)
        #expect(settings.keepAlive)
        #expect(settings.headers.isEmpty)
    }

    @Test func givenValues() throws {
        let settings = try HTTPTargetSettings(TargetConfig(name: "api", settings: [
            "base_url": .string("HTTPS://h"), "pool_size": .number(4), "timeout": .number(2.5), "keep_alive": .bool(false),
            "headers": .map(["X-A": .string("1")]),
        ]))
        #expect(settings.baseURL == "HTTPS://h")
        #expect(settings.poolSize == 4)
        #expect(settings.timeout == 2.5)
        #expect(settings.keepAlive == false)
        #expect(settings.headers == ["X-A": "1"])
    }

    @Test(arguments: [
        ([:], "target 'api': base_url is required (e.g. http://localhost:8080)"),
        (["base_url": .string("ftp://h")], "target 'api': base_url must start with http:// or https://, got 'ftp://h'"),
        (["base_url": .string("http://")], "target 'api': base_url must start with http:// or https://, got 'http://'"),
        (["base_url": .string("http://h"), "pool_size": .number(0)], "target 'api': pool_size must be a whole number of at least 1"),
        (["base_url": .string("http://h"), "pool_size": .number(1.5)], "target 'api': pool_size must be a whole number of at least 1"),
        (["base_url": .string("http://h"), "timeout": .number(0)], "target 'api': timeout must be a positive duration"),
    ] as [([String: ActionValue], String)])
    func invalidSettings(settings: [String: ActionValue], message: String) {
        #expect {
            _ = try HTTPAdapter.makeTarget(TargetConfig(name: "api", settings: settings))
        } throws: { error in
            (error as? TargetConfigError)?.description == message
        }
    }
}
