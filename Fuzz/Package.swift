// swift-tools-version: 6.1
// libFuzzer target for flowc's template engine (lexer, parser, renderer). A separate package
// because SwiftPM replaces libFuzzer's `main`; main.swift calls LLVMFuzzerRunDriver instead.
// Build: swift build -c debug -Xswiftc -sanitize=fuzzer,address --product FuzzTemplate
import PackageDescription

let package = Package(
    name: "flowc-fuzz",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "FuzzTemplate", targets: ["FuzzTemplate"]),
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
    ]
)
