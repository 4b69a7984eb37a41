import StampedeHTTPAdapter
import StampedeMatchmakingAdapter
import StampedeNullAdapter
import StampedeRedisAdapter
import StampedePluginAPI
import StampedeWebSocketAdapter

/// The one place where compiled-in adapters are registered.
public enum BuiltinAdapters {
    /// Every compiled-in adapter. Adding an adapter is one line here (see plugins/README.md).
    public static let all: [any TargetAdapter.Type] = [
        NullAdapter.self,
        HTTPAdapter.self,
        WebSocketAdapter.self,
        RedisAdapter.self,
        MatchmakingAdapter.self,
    ]

    /// A registry holding every compiled-in adapter.
    /// - Throws: ``DuplicateAdapterError`` when two adapters share a name.
    public static func registry() throws(DuplicateAdapterError) -> AdapterRegistry {
        var registry = AdapterRegistry()
        for adapter in all { try registry.register(adapter) }
        return registry
    }
}
