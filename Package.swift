// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "stampede",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stampede", targets: ["stampede"]),
        .executable(name: "matchmaking-gateway", targets: ["matchmaking-gateway"]),
        .executable(name: "matchmaking-matchmaker", targets: ["matchmaking-matchmaker"]),
        .executable(name: "matchmaking-gameserver", targets: ["matchmaking-gameserver"]),
        .executable(name: "matchmaking-orchestrator", targets: ["matchmaking-orchestrator"]),
        .library(name: "StampedePluginAPI", targets: ["StampedePluginAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
    ],
    targets: [
        // hiredis (libhiredis-dev), the one way anything here talks to Redis.
        .systemLibrary(name: "CHiredis", path: "Sources/CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        // A small Redis client over hiredis (pool, pipelining, scripts, reconnect). No harness dependency: the
        // reference target and the redis adapter both use it.
        .target(name: "RedisClient", dependencies: ["CHiredis"], path: "Sources/RedisClient"),
        // Starts and stops a real redis-server on a free loopback port (tests, benchmarks, the local target).
        .target(name: "RedisServerProcess", path: "Sources/RedisServerProcess"),
        // Small pieces shared by the harness and the reference target (no harness dependency either).
        .target(name: "EventLoopExecutor", dependencies: [.product(name: "NIOCore", package: "swift-nio")], path: "Sources/EventLoopExecutor"),
        .target(name: "JSONText", path: "Sources/JSONText"),
        // The reference target: a game backend (targets/matchmaking). It never imports harness modules.
        .target(
            name: "MatchmakingCore",
            dependencies: [
                "RedisClient", .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "targets/matchmaking/Core"
        ),
        .target(
            name: "MatchmakingTelemetry",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "targets/matchmaking/Telemetry"
        ),
        // Reading JSON request bodies and writing JSON responses, for the gateway and the orchestrator.
        .target(
            name: "MatchmakingJSONAPI",
            dependencies: ["JSONText", .product(name: "Hummingbird", package: "hummingbird")],
            path: "targets/matchmaking/JSONAPI"
        ),
        .target(
            name: "MatchmakingGateway",
            dependencies: [
                "MatchmakingCore", "MatchmakingTelemetry", "MatchmakingJSONAPI", "RedisClient", "EventLoopExecutor",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "targets/matchmaking/Gateway"
        ),
        .target(
            name: "Matchmaker",
            dependencies: [
                "MatchmakingCore", "MatchmakingTelemetry", "RedisClient", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "targets/matchmaking/Matchmaker"
        ),
        .target(
            name: "GameServer",
            dependencies: [
                "MatchmakingTelemetry", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "targets/matchmaking/GameServer"
        ),
        // The game orchestrator: a game server per match on demand (process backend), the WebSocket proxy to it.
        .target(
            name: "GameOrchestrator",
            dependencies: [
                "MatchmakingCore", "MatchmakingTelemetry", "MatchmakingJSONAPI", "RedisClient", "GameServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            path: "targets/matchmaking/Orchestrator"
        ),
        .executableTarget(
            name: "matchmaking-orchestrator",
            dependencies: ["GameOrchestrator", "MatchmakingTelemetry", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "targets/matchmaking/Executables/Orchestrator"
        ),
        .executableTarget(
            name: "matchmaking-gameserver",
            dependencies: ["GameServer", "MatchmakingTelemetry", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "targets/matchmaking/Executables/GameServer"
        ),
        .executableTarget(
            name: "matchmaking-gateway",
            dependencies: ["MatchmakingGateway", "MatchmakingTelemetry", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "targets/matchmaking/Executables/Gateway"
        ),
        .executableTarget(
            name: "matchmaking-matchmaker",
            dependencies: ["Matchmaker", "MatchmakingTelemetry", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "targets/matchmaking/Executables/Matchmaker"
        ),
        // The plugin API: what an adapter declares and (later) implements. No dependencies.
        .target(name: "StampedePluginAPI", path: "Sources/PluginAPI"),
        // Target adapters, each its own module behind the plugin API.
        .target(name: "StampedeNullAdapter", dependencies: ["StampedePluginAPI"], path: "plugins/null"),
        .target(
            name: "StampedeHTTPAdapter",
            dependencies: [
                "StampedePluginAPI", "JSONText",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "plugins/http"
        ),
        .target(
            name: "StampedeWebSocketAdapter",
            dependencies: ["StampedePluginAPI", .product(name: "HummingbirdWSClient", package: "hummingbird-websocket")],
            path: "plugins/websocket"
        ),
        .target(name: "StampedeRedisAdapter", dependencies: ["StampedePluginAPI", "RedisClient"], path: "plugins/redis"),
        .target(
            name: "StampedeMatchmakingAdapter",
            dependencies: [
                "StampedePluginAPI", "StampedeHTTPAdapter", .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            path: "plugins/matchmaking"
        ),
        // The one place where compiled-in adapters are registered.
        .target(
            name: "StampedeAdapters",
            dependencies: [
                "StampedePluginAPI", "StampedeNullAdapter", "StampedeHTTPAdapter", "StampedeWebSocketAdapter", "StampedeRedisAdapter",
                "StampedeMatchmakingAdapter",
            ],
            path: "Sources/Adapters"
        ),
        // The scenario model: what a validated scenario says, and diagnostics. No dependencies.
        .target(name: "StampedeModel", path: "Sources/Model"),
        // The scenario language: YAML loading, schema, validation, decoding into the model.
        .target(
            name: "StampedeDSL",
            dependencies: ["StampedeModel", "StampedePluginAPI", .product(name: "Yams", package: "Yams")],
            path: "Sources/DSL"
        ),
        // The plan compiler: curves, distributions, weighted choice, Markov analysis, schedules.
        .target(name: "StampedePlan", dependencies: ["StampedeModel"], path: "Sources/Plan"),
        // Measurement: sharded HDR histograms and counters per series, merged results, threshold verdicts.
        .target(
            name: "StampedeMetrics",
            dependencies: ["StampedeModel", "StampedePluginAPI", .product(name: "Histogram", package: "hdrhistogram-swift")],
            path: "Sources/Metrics"
        ),
        // The engine: runs a compiled plan's tasks through players and adapters, measuring from intended starts.
        .target(
            name: "StampedeEngine",
            dependencies: [
                "StampedeModel", "StampedePlan", "StampedeMetrics", "StampedePluginAPI", "EventLoopExecutor",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Sources/Engine"
        ),
        // Human and machine renderings of plans (and later of results).
        .target(name: "StampedeReports", dependencies: ["StampedePlan", "StampedeModel", "StampedeMetrics"], path: "Sources/Reports"),
        // The commands of the `stampede` tool, as a library so that tests can drive them.
        .target(
            name: "StampedeCLI",
            dependencies: [
                "StampedeDSL", "StampedePlan", "StampedeReports", "StampedeAdapters", "StampedeEngine", "StampedeMetrics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/CLI"
        ),
        .executableTarget(
            name: "stampede",
            dependencies: ["StampedeCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/Main"
        ),
        // Benchmarks, run by hand (scripts/bench/).
        .executableTarget(
            name: "stampede-plan-bench",
            dependencies: ["StampedeDSL", "StampedePlan", "StampedeAdapters"],
            path: "Benchmarks/PlanBenchmark"
        ),
        // The floor of a SwiftNIO HTTP/1.1 client, a peer in scripts/bench/throughput.sh.
        .executableTarget(
            name: "stampede-nio-floor",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/NIOFloor"
        ),
        // The floor of a Hummingbird server (one route), scripts/bench/hummingbird-floor.sh.
        .executableTarget(
            name: "stampede-hummingbird-floor",
            dependencies: [
                "MatchmakingGateway", "MatchmakingTelemetry", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/HummingbirdFloor"
        ),
        // The matchmaker alone (no HTTP, no load generator), scripts/bench/matchmaker-alone.sh.
        .executableTarget(
            name: "stampede-matchmaker-bench",
            dependencies: [
                "Matchmaker", "MatchmakingCore", "MatchmakingTelemetry", "RedisClient", "RedisServerProcess",
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/MatchmakerAlone"
        ),
        .testTarget(
            name: "PlanTests",
            dependencies: [
                "StampedePlan", "StampedeModel", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/PlanTests"
        ),
        .testTarget(
            name: "DSLTests",
            dependencies: [
                "StampedeDSL", "StampedeModel", "StampedeAdapters", "StampedePluginAPI",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/DSLTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "MetricsTests",
            dependencies: ["StampedeMetrics", "StampedeModel", "StampedeReports"],
            path: "Tests/MetricsTests"
        ),
        .testTarget(
            name: "EngineTests",
            dependencies: ["StampedeEngine", "StampedePlan", "StampedeModel", "StampedeMetrics", "StampedePluginAPI",
                           "StampedeDSL", "StampedeAdapters", "EventLoopExecutor",
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
            path: "Tests/EngineTests"
        ),
        .testTarget(
            name: "AdapterTests",
            dependencies: [
                "StampedeHTTPAdapter", "StampedeWebSocketAdapter", "StampedeRedisAdapter", "StampedeMatchmakingAdapter",
                "StampedePluginAPI", "StampedeModel", "RedisServerProcess",
                "StampedeEngine", "StampedeDSL", "StampedeAdapters", "StampedeMetrics", "StampedePlan",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/AdapterTests"
        ),
        .testTarget(
            name: "RedisClientTests",
            dependencies: ["RedisClient", "RedisServerProcess"],
            path: "Tests/RedisClientTests"
        ),
        .testTarget(
            name: "MatchmakingTests",
            dependencies: [
                "MatchmakingCore", "MatchmakingGateway", "Matchmaker", "MatchmakingTelemetry", "RedisClient", "RedisServerProcess",
                "GameServer", "GameOrchestrator", .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Tests/MatchmakingTests"
        ),
        // The harness driving the reference target end to end.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "StampedeMatchmakingAdapter", "StampedePluginAPI", "StampedeAdapters", "StampedeDSL", "StampedeEngine",
                "StampedePlan", "StampedeMetrics", "StampedeModel",
                "MatchmakingCore", "MatchmakingGateway", "Matchmaker", "MatchmakingTelemetry", "RedisClient", "RedisServerProcess",
                "GameOrchestrator", "GameServer",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/EndToEndTests"
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["StampedeCLI", "StampedeDSL", "StampedePlan", "StampedeReports"],
            path: "Tests/CLITests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
