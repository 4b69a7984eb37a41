import StampedePluginAPI

/// The built-in `null` adapter: actions that succeed (or fail) after a given or distributed delay, touching no
/// network. It lets every part of a scenario be exercised offline.
public struct NullAdapter: TargetAdapter {
    /// What the `null` adapter offers.
    public static let declaration = AdapterDeclaration(
        name: "null",
        summary: "Actions that succeed or fail after a delay, without any network.",
        config: [
            ParameterDeclaration(name: "delay", type: .distribution, summary: "Default delay of every action (default 0s)."),
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
}
