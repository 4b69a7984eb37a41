import StampedePluginAPI

/// The built-in `http` adapter: HTTP/1.1 (and HTTP/2 over TLS when the server offers it) requests through one
/// pooled AsyncHTTPClient per target.
///
/// Each action sends one request and reads the whole response body, at most 16 MiB: a larger body fails the
/// action with kind `http`. The timeout covers the whole exchange (connecting, sending, the head, the body).
/// Redirects are followed (up to 5); every request carries `user-agent: stampede` unless the scenario sets one.
/// An idempotent request (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) that finds its kept-alive connection closed or
/// reset by the server before any of a response came is sent again on the next connection, for as long as that
/// connection is a kept-alive one too (servers close idle connections at any moment; Go's client does the same), and
/// each resend is counted in `http_retries`; other methods are never sent twice.
///
/// An action succeeds when the status is the expected one (by default any status below 400) and every check
/// (`expect_body_contains`, `expect_json`) and every capture holds. Errors have stable kinds: `timeout`,
/// `connect`, `status_<code>`, `body_mismatch`, `json_mismatch`, `capture_missing`, `invalid_request`,
/// `cancelled` and `http` (anything else, such as a body over the limit); the message says what was expected and
/// what came back. Samples are tagged with `method` and, once a response head came, `status` (the code as text).
///
/// A capture expression is `status`, `body` (the whole body as text), `header:Name`, or a ``JSONPath`` into the
/// response body such as `$.token` or `$.items[0].id`. The body is kept only when a check or capture reads it,
/// and parsed as JSON only when `expect_json` or a JSON path capture needs it.
///
/// Targets made by ``makeTarget(_:)`` own a connection pool: call ``ActionTarget/teardown()`` when done with them
/// (AsyncHTTPClient stops a debug build whose client is released without being shut down).
public struct HTTPAdapter: TargetAdapter {
    /// What the `http` adapter offers.
    public static let declaration = AdapterDeclaration(
        name: "http",
        summary: "HTTP requests through a pooled client, with status, body and JSON checks and captures.",
        config: [
            ParameterDeclaration(
                name: "base_url", type: .string, required: true,
                summary: "The URL action paths are joined to, starting with http:// or https://."),
            ParameterDeclaration(
                name: "pool_size", type: .integer, summary: "The most connections open at once to one host; further requests wait (default 64)."),
            ParameterDeclaration(
                name: "timeout", type: .duration,
                summary: "How long a whole request may take, body included (default 30s)."),
            ParameterDeclaration(
                name: "keep_alive", type: .boolean,
                summary: "Whether connections are reused between requests (default true); an idempotent request whose reused connection the server had closed is sent again (counted in http_retries)."),
            ParameterDeclaration(name: "headers", type: .stringMap, summary: "Headers sent with every request."),
        ],
        actions: [
            ActionDeclaration(
                name: "request", summary: "Sends a request with the given method.",
                parameters: [methodParameter] + requestParameters, captures: nil),
            shortcut("get"), shortcut("post"), shortcut("put"), shortcut("patch"), shortcut("delete"),
        ],
        metrics: [
            MetricDeclaration(
                name: retriesMetric, kind: .counter,
                summary: "Idempotent requests sent again because the server had closed their kept-alive connection."),
        ],
        tags: ["status", "method"]
    )

    /// The counter of requests sent again on a new connection.
    static let retriesMetric = "http_retries"

    /// The methods the `request` action may use.
    static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

    /// The `method` parameter of the `request` action.
    private static let methodParameter = ParameterDeclaration(
        name: "method", type: .choice(methods), summary: "The request method (default GET).")

    /// The parameters every request action takes.
    private static let requestParameters = [
        ParameterDeclaration(
            name: "path", type: .string, required: true,
            summary: "The path joined to base_url (with its query, if any), or an absolute http(s) URL."),
        ParameterDeclaration(name: "query", type: .stringMap, summary: "Query parameters added to the URL, percent-encoded."),
        ParameterDeclaration(name: "headers", type: .stringMap, summary: "Headers of this request (they replace the target's)."),
        ParameterDeclaration(name: "json", type: .any, summary: "A body sent as JSON, with content-type application/json."),
        ParameterDeclaration(name: "body", type: .string, summary: "A raw body, sent as given."),
        ParameterDeclaration(name: "timeout", type: .duration, summary: "How long this whole request may take (default: the target's)."),
        ParameterDeclaration(
            name: "expect_status", type: .integer, summary: "The status that means success (default: any status below 400)."),
        ParameterDeclaration(
            name: "expect_body_contains", type: .string, summary: "Text the response body must contain."),
        ParameterDeclaration(
            name: "expect_json", type: .stringMap,
            summary: "JSON path → the text the response body's value there must have, e.g. {$.ok: \"true\"}."),
    ]

    /// A shortcut action named after its method (`get`, `post`, …).
    private static func shortcut(_ name: String) -> ActionDeclaration {
        ActionDeclaration(
            name: name, summary: "Sends a \(name.uppercased()) request.", parameters: requestParameters, captures: nil)
    }

    /// Makes an `http` target: checks its settings and opens its client (no connection is made yet).
    /// - Throws: ``TargetConfigError`` when a setting is missing or invalid.
    public static func makeTarget(_ config: TargetConfig) throws -> any ActionTarget {
        let settings = try HTTPTargetSettings(config)
        return HTTPTarget(settings: settings)
    }
}
