import StampedePluginAPI

/// The built-in `null` adapter: actions that succeed (or fail) after a given or distributed delay, touching no
/// network. It lets every part of a scenario be exercised offline.
public struct NullAdapter: TargetAdapter {
    /// What the `null` adapter offers.
    public static let declaration = AdapterDeclaration(
        name: "null",
        summary: "Actions that succeed or fail after a delay, without any network.",
        config: [
            ParameterDeclaration(name: "delay", type: .distribution,
                                 summary: "Delay of actions that give none (a target setting named like an action parameter is its default)."),
        ],
        actions: [
            ActionDeclaration(name: "ok", summary: "Succeeds after the delay, returning the given values.", parameters: [
                ParameterDeclaration(name: "delay", type: .distribution, summary: "How long the action takes, e.g. 20ms or {exponential: {mean: 50ms}}."),
                ParameterDeclaration(name: "returns", type: .stringMap, summary: "Result fields to return (they may be captured); values may use templates."),
                ParameterDeclaration(name: "bytes", type: .integer, summary: "Bytes the action pretends to receive."),
            ], captures: nil),
            ActionDeclaration(name: "fail", summary: "Fails after the delay with the given error kind.", parameters: [
                ParameterDeclaration(name: "delay", type: .distribution, summary: "How long the action takes."),
                ParameterDeclaration(name: "kind", type: .string, summary: "The error kind reported (default null_error)."),
            ]),
            ActionDeclaration(name: "flaky", summary: "Fails with the given probability, else succeeds, after the delay.", parameters: [
                ParameterDeclaration(name: "delay", type: .distribution, summary: "How long the action takes."),
                ParameterDeclaration(name: "error_rate", type: .probability, required: true, summary: "Probability of failing, e.g. 2%."),
                ParameterDeclaration(name: "kind", type: .string, summary: "The error kind reported (default null_error)."),
            ]),
        ]
    )

    /// Makes a `null` target.
    public static func makeTarget(_ config: TargetConfig) throws -> any ActionTarget {
        NullTarget()
    }
}

/// A target of the `null` adapter.
struct NullTarget: ActionTarget {
    func perform(_ request: ActionRequest, session: any PlayerSession) async -> ActionOutcome {
        if let delay = request.number("delay"), delay > 0 {
            do {
                try await Task.sleep(for: .seconds(delay))
            } catch {
                return .error("cancelled", "the run stopped during the action")
            }
        }
        let kind = request.string("kind") ?? "null_error"
        switch request.action {
        case "fail":
            return .error(kind, "the null adapter's fail action")
        case "flaky":
            let draw = Double(request.random >> 11) * 0x1p-53
            if draw < (request.number("error_rate") ?? 0) { return .error(kind, "the null adapter's flaky action failed") }
            return .ok()
        default:
            let returns = request.parameters["returns"]?.map ?? [:]
            var captured: [String: String] = [:]
            for (variable, field) in request.captures {
                if let value = returns[field]?.text { captured[variable] = value }
            }
            return .ok(bytesIn: Int(request.number("bytes") ?? 0), captured: captured)
        }
    }
}
