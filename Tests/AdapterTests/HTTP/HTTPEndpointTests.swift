@testable import StampedeHTTPAdapter
import Testing

/// Splitting URLs into where a request goes and what it asks for.
@Suite("http adapter: endpoints")
struct HTTPEndpointTests {
    @Test(arguments: [
        ("http://127.0.0.1:8080/a/b?x=1", false, "127.0.0.1", 8080, "127.0.0.1:8080", "/a/b?x=1"),
        ("http://example.com", false, "example.com", 80, "example.com", "/"),
        ("HTTPS://Example.com/", true, "Example.com", 443, "Example.com", "/"),
        ("https://h:443/p", true, "h", 443, "h", "/p"),
        ("http://[::1]:9000/p#frag", false, "::1", 9000, "[::1]:9000", "/p"),
        ("http://h?q=1", false, "h", 80, "h", "/?q=1"),
    ])
    func splits(url: String, secure: Bool, host: String, port: Int, hostHeader: String, target: String) throws {
        let split = try #require(HTTPEndpoint.split(url))
        #expect(split.endpoint == HTTPEndpoint(secure: secure, host: host, port: port, hostHeader: hostHeader))
        #expect(split.target == target)
    }

    @Test(arguments: ["ftp://h/", "http://", "http://:80/", "http://h:0/", "http://h:99999/", "http://u@h/", "http://[::1/", "h/p"])
    func rejects(url: String) {
        #expect(HTTPEndpoint.split(url) == nil)
    }
}

/// Relative redirect locations.
@Suite("http adapter: relative locations")
struct HTTPRelativeLocationTests {
    @Test(arguments: [
        ("/redirect/../text", "/text"),
        ("/a/b/./c", "/a/b/c"),
        ("/a/b/../../../c?x=../y", "/c?x=../y"),
        ("/a/b/..", "/a/"),
        ("/a/", "/a/"),
    ])
    func dotSegmentsAreRemoved(reference: String, expected: String) {
        #expect(PlainTransport.resolve(reference, against: "http://h:8/base/page?q=1") == "http://h:8" + expected)
    }

    @Test(arguments: [
        ("text", "http://h:8/base/text"),
        ("../up", "http://h:8/up"),
        ("?q=2", "http://h:8/base/page?q=2"),
        ("https://other/x", "https://other/x"),
        ("//other:9/y", "http://other:9/y"),
    ])
    func relativeReferencesResolve(reference: String, expected: String) {
        #expect(PlainTransport.resolve(reference, against: "http://h:8/base/page?q=1") == expected)
    }
}
