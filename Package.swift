// swift-tools-version: 6.1
// flowc: a git-native SQL transformation compiler that reads dbt projects.
// One library module per pipeline stage (see README "Architecture"); the executable is a thin CLI.
import PackageDescription

// Release builds skip Swift's run-time exclusivity checks (debug builds and the tests keep
// them): the checks were 2% of a cold 10,000-model compile, in the engine's class fields.
let releaseSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "flowc",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "flowc", targets: ["flowc"]),
        .executable(name: "flowc-bench", targets: ["FlowcBench"]),
        .library(name: "FlowcTemplate", targets: ["FlowcTemplate"]),
        // For the fuzz targets in Fuzz/ (a separate package).
        .library(name: "FlowcSQLParser", targets: ["FlowcSQLParser"]),
        .library(name: "FlowcLineage", targets: ["FlowcLineage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries: the warehouses' C client libraries (apt: libsqlite3-dev, libpq-dev).
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // libpq's headers (libpq-dev) with the library loaded on first use (CLibPQ/libpq_loader.c):
        // a run on SQLite never loads it.
        .target(name: "CLibPQ", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),

        // Pipeline stages, in the order data flows through them.
        // The thread's stack bounds, so deep template and SQL recursion ends in an error, not a crash.
        // It also loads libcurl with dlopen for OpenLineage's HTTP transport (dlopen is in libdl
        // before glibc 2.34).
        .target(name: "CFlowcSupport", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(name: "FlowcTemplate", dependencies: ["CFlowcSupport"], swiftSettings: releaseSettings),
        .target(name: "FlowcProject", dependencies: ["CFlowcSupport", "FlowcTemplate", .product(name: "Yams", package: "Yams")], swiftSettings: releaseSettings),
        // `flowc deps`: packages.yml resolved (local folders, git checkouts) into package-lock.yml
        // and installed under packages-install-path, as `dbt deps` does.
        .target(name: "FlowcDeps", dependencies: ["FlowcProject", "FlowcTemplate"], swiftSettings: releaseSettings),
        .target(name: "FlowcGraph", dependencies: ["CFlowcSupport", "FlowcProject", "FlowcTemplate", "FlowcSQL", "FlowcSQLParser"], swiftSettings: releaseSettings),
        // SQL text → AST with source spans (knows nothing of dbt), then column lineage and checks.
        .target(name: "FlowcSQLParser", dependencies: ["CFlowcSupport"], swiftSettings: releaseSettings),
        .target(name: "FlowcLineage", dependencies: ["FlowcSQLParser"], swiftSettings: releaseSettings),
        .target(name: "FlowcSQL", dependencies: ["FlowcSQLParser"], swiftSettings: releaseSettings),
        .target(name: "FlowcCompile", dependencies: ["FlowcGraph", "FlowcProject", "FlowcSQL", "FlowcTemplate", "FlowcSQLParser", "FlowcLineage"], swiftSettings: releaseSettings),
        .target(name: "FlowcState", dependencies: ["FlowcCompile", "FlowcGraph", "FlowcProject"], swiftSettings: releaseSettings),
        .target(name: "FlowcWarehouse", dependencies: ["CSQLite", "CLibPQ", "FlowcSQL"], swiftSettings: releaseSettings),
        .target(name: "FlowcRun", dependencies: ["CFlowcSupport", "FlowcCompile", "FlowcGraph", "FlowcLineage", "FlowcProject", "FlowcSQL", "FlowcTemplate", "FlowcWarehouse"], swiftSettings: releaseSettings),
        // The docs site: catalog.json from the warehouse, the static site (its JS/CSS under
        // Site/ are embedded by scripts/embed_files.py), DAG layout and SVG, a static server.
        .target(name: "FlowcDocs", dependencies: ["FlowcCompile", "FlowcGraph", "FlowcLineage", "FlowcSQL", "FlowcWarehouse"],
                exclude: ["Site"], swiftSettings: releaseSettings),

        // For tests only: a throwaway PostgreSQL server (initdb + pg_ctl), shared by test targets.
        .target(name: "FlowcTestSupport", dependencies: ["FlowcWarehouse"]),

        .executableTarget(
            name: "flowc",
            dependencies: [
                "CFlowcSupport", "FlowcTemplate", "FlowcRun", "FlowcState", "FlowcDocs", "FlowcDeps",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // mimalloc in place of glibc's malloc: flowc allocates millions of small strings and
            // arrays from two threads, and a cold 10,000-model compile takes 9% less wall time
            // with it (README "Speed"). Linked ahead of libc, it serves every allocation. main()
            // asks it for huge pages (CFlowcSupport/allocator.c): ~8% less CPU again.
            // Release builds link Swift's runtime and Foundation statically: loading and
            // relocating their dozen shared libraries was most of a 38 ms start on Linux.
            // (-static-stdlib when compiling too: the static Foundation module names the
            // libraries it needs, CoreFoundation and ICU, for the linker)
            swiftSettings: releaseSettings + [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux])),
                             .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
        ),

        // `flowc-bench`: benchmarks (reported, not asserted; see README "Development").
        .executableTarget(name: "FlowcBench", dependencies: ["FlowcTemplate", "FlowcSQLParser", "FlowcLineage"]),

        .testTarget(
            name: "FlowcTemplateTests",
            dependencies: ["FlowcTemplate"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "FlowcWarehouseTests", dependencies: ["FlowcWarehouse", "FlowcTestSupport"]),
        .testTarget(name: "FlowcProjectTests", dependencies: ["FlowcProject"]),
        // `flowc deps` against real git repositories and folders in temporary directories.
        .testTarget(name: "FlowcDepsTests", dependencies: ["FlowcDeps", "FlowcProject", "FlowcTestSupport", "FlowcDocs"]),
        .testTarget(name: "FlowcSQLParserTests", dependencies: ["FlowcSQLParser", "FlowcTestSupport"]),
        .testTarget(
            name: "FlowcLineageTests",
            dependencies: ["FlowcLineage", "FlowcSQLParser", "FlowcTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "FlowcDocsTests", dependencies: ["FlowcDocs", "FlowcGraph", "FlowcWarehouse", "FlowcCompile", "FlowcProject", "FlowcSQL",
                                                     "FlowcTestSupport"]),
        .testTarget(name: "FlowcGraphTests", dependencies: ["FlowcGraph", "FlowcProject", "FlowcTemplate"]),
        .testTarget(
            name: "FlowcCompileTests",
            dependencies: ["FlowcCompile", "FlowcGraph", "FlowcProject", "FlowcSQL", "FlowcLineage"],
            resources: [.copy("Fixtures")]
        ),
        // State comparison, git revisions, diff: on real git repositories in temporary directories.
        .testTarget(
            name: "FlowcStateTests",
            dependencies: ["FlowcState", "FlowcCompile", "FlowcGraph", "FlowcProject", "FlowcSQL", "FlowcRun", "FlowcWarehouse",
                           "FlowcTestSupport"]
        ),
        // The CLI end to end: the built `flowc` binary run on git repositories in temporary
        // directories (deferral, retry, result:, diff, exit codes).
        .testTarget(name: "FlowcCLITests", dependencies: ["flowc", "FlowcWarehouse", "FlowcTestSupport"]),
        // End-to-end runs against a real SQLite file and a PostgreSQL server the tests start.
        .testTarget(
            name: "FlowcRunTests",
            dependencies: ["FlowcRun", "FlowcGraph", "FlowcProject", "FlowcSQL", "FlowcWarehouse", "FlowcCompile", "FlowcTestSupport",
                           "flowc"]
        ),
    ]
)
