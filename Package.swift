// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "stampede",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "stampede", targets: ["stampede"]),
        .library(name: "StampedePluginAPI", targets: ["StampedePluginAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // The plugin API: what an adapter declares and (later) implements. No dependencies.
        .target(name: "StampedePluginAPI", path: "Sources/PluginAPI"),
        // Target adapters, each its own module behind the plugin API.
        .target(name: "StampedeNullAdapter", dependencies: ["StampedePluginAPI"], path: "plugins/null"),
        // The one place where compiled-in adapters are registered.
        .target(
            name: "StampedeAdapters",
            dependencies: ["StampedePluginAPI", "StampedeNullAdapter"],
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
        // Human and machine renderings of plans (and later of results).
        .target(name: "StampedeReports", dependencies: ["StampedePlan", "StampedeModel"], path: "Sources/Reports"),
        // The commands of the `stampede` tool, as a library so that tests can drive them.
        .target(
            name: "StampedeCLI",
            dependencies: [
                "StampedeDSL", "StampedePlan", "StampedeReports", "StampedeAdapters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/CLI"
        ),
        .executableTarget(name: "stampede", dependencies: ["StampedeCLI"], path: "Sources/Main"),
        // Benchmarks, run by hand (scripts/bench/).
        .executableTarget(
            name: "stampede-plan-bench",
            dependencies: ["StampedeDSL", "StampedePlan", "StampedeAdapters"],
            path: "Benchmarks/PlanBenchmark"
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
            name: "CLITests",
            dependencies: ["StampedeCLI", "StampedeDSL", "StampedePlan", "StampedeReports"],
            path: "Tests/CLITests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
