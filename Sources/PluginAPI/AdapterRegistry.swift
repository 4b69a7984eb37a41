/// The adapters a run or a validation knows, by name.
public struct AdapterRegistry: Sendable {
    /// The registered declarations, in registration order.
    public private(set) var declarations: [AdapterDeclaration] = []
    /// The adapter types that can make targets, by name.
    private var types: [String: any TargetAdapter.Type] = [:]

    /// An empty registry.
    public init() {}

    /// Registers an adapter type.
    /// - Throws: ``DuplicateAdapterError`` when an adapter of the same name is already registered.
    public mutating func register(_ adapter: any TargetAdapter.Type) throws(DuplicateAdapterError) {
        try register(adapter.declaration)
        types[adapter.declaration.name] = adapter
    }

    /// Registers a declaration.
    /// - Throws: ``DuplicateAdapterError`` when an adapter of the same name is already registered.
    public mutating func register(_ declaration: AdapterDeclaration) throws(DuplicateAdapterError) {
        guard self.declaration(named: declaration.name) == nil else {
            throw DuplicateAdapterError(name: declaration.name)
        }
        declarations.append(declaration)
    }

    /// The declaration of the adapter called `name`.
    public func declaration(named name: String) -> AdapterDeclaration? {
        declarations.first { $0.name == name }
    }

    /// The adapter type called `name`, when registered as a type (not only as a declaration).
    public func adapter(named name: String) -> (any TargetAdapter.Type)? {
        types[name]
    }

    /// The names of every registered adapter.
    public var names: [String] { declarations.map(\.name) }
}

/// Two adapters were registered under one name.
public struct DuplicateAdapterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name registered twice.
    public var name: String
    /// A readable account of the problem.
    public var description: String {
        "adapter '\(name)' is registered twice — each adapter needs its own name (see plugins/README.md)"
    }
}
