// swift-tools-version: 6.1
// libFuzzer targets for flowc's template engine (lexer, parser, renderer) and SQL parser with
// column lineage. A separate package because SwiftPM replaces libFuzzer's `main`; each
// main.swift calls LLVMFuzzerRunDriver instead.
// Build: swift build -c debug -Xswiftc -sanitize=fuzzer,address --product FuzzTemplate (or FuzzSQL)
import PackageDescription

let package = Package(
    name: "flowc-fuzz",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "FuzzTemplate", targets: ["FuzzTemplate"]),
        .executable(name: "FuzzSQL", targets: ["FuzzSQL"]),
    ],
    dependencies: [
        .package(name: "flowc", path: ".."),
    ],
    targets: [
        // Header-only module declaring libFuzzer's LLVMFuzzerRunDriver.
        .systemLibrary(name: "CFuzzerDriver", path: "Sources/CFuzzerDriver"),
        .executableTarget(
            name: "FuzzTemplate",
            dependencies: ["CFuzzerDriver", .product(name: "FlowcTemplate", package: "flowc")]
        ),
        .executableTarget(
            name: "FuzzSQL",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "FlowcSQLParser", package: "flowc"),
                .product(name: "FlowcLineage", package: "flowc"),
            ]
        ),
    ]
)
