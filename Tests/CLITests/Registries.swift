import StampedeAdapters
import StampedePluginAPI

enum Registries {
    static func builtin() throws -> AdapterRegistry { try BuiltinAdapters.registry() }
}
