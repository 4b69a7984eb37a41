import ArgumentParser
import StampedeAdapters
import StampedePluginAPI

/// The adapter registry, with a registration clash turned into a clear run error.
enum Registry {
    static func builtin() throws -> AdapterRegistry {
        do {
            return try BuiltinAdapters.registry()
        } catch {
            Terminal.printError("error: \(error.description)")
            throw StampedeExit.runError
        }
    }
}
