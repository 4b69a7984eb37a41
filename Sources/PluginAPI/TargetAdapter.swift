/// A target adapter: the one protocol every plugin implements.
///
/// For now an adapter declares what it offers; the engine adds how actions are performed.
public protocol TargetAdapter: Sendable {
    /// The adapter's declaration, used by `validate` and `plan`.
    static var declaration: AdapterDeclaration { get }
}
