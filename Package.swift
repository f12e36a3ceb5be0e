// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "covgap",
    // Linux only (Debian's GDAL and PROJ, glibc's renameat2 and mallopt): no Apple platform is claimed.
    products: [
        .executable(name: "covgap", targets: ["covgap"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // SHA-256 of files and of tokens (BoringSSL's implementation).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        // The intake service (`covgap serve`): HTTP server and its SQLite store.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0", traits: []),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // Heap for the planners' lazy greedy and transport assignment.
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // Hummingbird's own transport, named for the service's connection deadlines (a channel handler).
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.30.0"),
    ],
    targets: [
        // GDAL, OGR, OSR and PROJ headers; linked through pkg-config (Debian: libgdal-dev, libproj-dev).
        .systemLibrary(
            name: "CGDAL",
            pkgConfig: "gdal",
            providers: [.apt(["libgdal-dev", "libproj-dev"])]
        ),
        // The one door to C: every GDAL*/OGR*/OSR*/CPL*/proj_*/geod_* call lives here.
        .target(
            name: "GDALBridge",
            dependencies: ["CGDAL"]
        ),
        // Small utilities with no domain: errors, safe output staging, CSV, hashing, progress, parallel runs.
        .target(
            name: "CovgapSupport",
            dependencies: [
                "GDALBridge",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Domain values and the config: technologies, carriers, coverage rules, sites, the run summary.
        .target(
            name: "CovgapModel",
            dependencies: [
                "CovgapSupport",
                "GDALBridge",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The analysis grid and the loaders that bring inputs onto it (communes, coverage, population, points).
        .target(
            name: "CovgapGrid",
            dependencies: [
                "CovgapTerrain",
                "CovgapSupport",
                "CovgapModel",
                "GDALBridge",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The parallel grid kernel: coverage per cell, tallies per commune, dead zones and their distances.
        .target(
            name: "CovgapKernel",
            dependencies: [
                "CovgapSupport",
                "CovgapModel",
                "CovgapGrid",
                "GDALBridge",
            ]
        ),
        // An analysis run's results and writers, its manifest, and the run folder read back.
        .target(
            name: "CovgapAnalysis",
            dependencies: [
                "CovgapSupport",
                "CovgapModel",
                "CovgapGrid",
                "CovgapKernel",
                "GDALBridge",
            ]
        ),
        // What `covgap inspect` reports about the inputs before a run.
        .target(
            name: "CovgapInspect",
            dependencies: [
                "CovgapModel",
                "CovgapGrid",
                "GDALBridge",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Propagation over terrain: delta-Bullington diffraction along radials from a site (pure Swift, no I/O).
        .target(name: "CovgapTerrain"),
        // Synthetic coverage from a site list (`covgap simulate`).
        .target(
            name: "CovgapSimulate",
            dependencies: [
                "CovgapTerrain",
                "CovgapSupport",
                "CovgapModel",
                "CovgapGrid",
                "GDALBridge",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Partial not-spots, co-location, shared masts, undergrounding, work orders, run diffs.
        .target(
            name: "CovgapPlanning",
            dependencies: [
                "CovgapTerrain",
                "CovgapSupport",
                "CovgapModel",
                "CovgapGrid",
                "CovgapKernel",
                "CovgapAnalysis",
                "CovgapDesk",
                "GDALBridge",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        // Provinces' dead-zone submissions reconciled against a run.
        .target(
            name: "CovgapReview",
            dependencies: [
                "CovgapSupport",
                "CovgapModel",
                "CovgapGrid",
                "CovgapAnalysis",
                "GDALBridge",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What analysts open on their desks: QGIS styles and project, the workbook, the run's own README.
        .target(
            name: "CovgapDesk",
            dependencies: [
                "CovgapSupport",
                "CovgapModel",
                "GDALBridge",
            ]
        ),
        // The HTML report of a run.
        .target(
            name: "CovgapReport",
            dependencies: [
                "CovgapSupport",
                "CovgapModel",
                "CovgapGrid",
                "CovgapKernel",
                "CovgapAnalysis",
                "CovgapPlanning",
                "GDALBridge",
            ]
        ),
        // The analysis run end to end: grid, kernel, writers, sharing, report, manifest.
        .target(
            name: "CovgapAnalyze",
            dependencies: [
                "CovgapSupport",
                "CovgapModel",
                "CovgapGrid",
                "CovgapKernel",
                "CovgapAnalysis",
                "CovgapPlanning",
                "CovgapReport",
                "CovgapDesk",
                "GDALBridge",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The intake service: provinces' reviews, carriers' work orders, tokens, SQLite.
        .target(
            name: "CovgapServe",
            dependencies: [
                "CovgapSupport",
                "CovgapModel",
                "CovgapAnalysis",
                "CovgapDesk",
                "CovgapPlanning",
                "CovgapReview",
                "GDALBridge",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/openapi.yaml")]
        ),
        .executableTarget(
            name: "covgap",
            dependencies: [
                "CovgapSupport",
                "CovgapModel",
                "CovgapGrid",
                "CovgapInspect",
                "CovgapSimulate",
                "CovgapPlanning",
                "CovgapReview",
                "CovgapReport",
                "CovgapAnalyze",
                "CovgapServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Helpers the test targets share: fixtures, the built binary, external tools, the service harness.
        .target(
            name: "CovgapTestSupport",
            dependencies: [
                "CovgapAnalyze", "CovgapGrid", "CovgapModel", "CovgapPlanning", "CovgapSimulate", "GDALBridge",
            ],
            path: "Tests/CovgapTestSupport"
        ),
        // One test target per library target (the bridge on its own); covgapTests runs the command line end to end.
        .testTarget(name: "GDALBridgeTests", dependencies: ["GDALBridge"]),
        .testTarget(name: "CovgapTerrainTests", dependencies: ["CovgapTerrain", "CovgapTestSupport"]),
        .testTarget(name: "CovgapSupportTests", dependencies: ["CovgapSupport", "GDALBridge", "CovgapTestSupport"]),
        .testTarget(
            name: "CovgapModelTests",
            dependencies: ["CovgapModel", "CovgapSupport", "GDALBridge", "CovgapTestSupport"]),
        .testTarget(
            name: "CovgapGridTests",
            dependencies: ["CovgapGrid", "CovgapModel", "CovgapSupport", "GDALBridge", "CovgapTestSupport"]),
        .testTarget(
            name: "CovgapKernelTests",
            dependencies: ["CovgapKernel", "CovgapModel", "GDALBridge", "CovgapTestSupport"]),
        .testTarget(name: "CovgapAnalysisTests", dependencies: ["CovgapAnalysis", "GDALBridge", "CovgapTestSupport"]),
        .testTarget(name: "CovgapInspectTests", dependencies: ["CovgapTestSupport"]),
        .testTarget(
            name: "CovgapSimulateTests",
            dependencies: ["CovgapSimulate", "CovgapModel", "GDALBridge", "CovgapTestSupport"]),
        .testTarget(
            name: "CovgapPlanningTests",
            dependencies: [
                "CovgapPlanning", "CovgapAnalysis", "CovgapAnalyze", "CovgapGrid", "CovgapModel", "GDALBridge",
                "CovgapTestSupport",
            ]),
        .testTarget(
            name: "CovgapReviewTests",
            dependencies: [
                "CovgapReview", "CovgapGrid", "CovgapModel", "CovgapSupport", "GDALBridge", "CovgapTestSupport",
            ]),
        .testTarget(
            name: "CovgapReportTests",
            dependencies: ["CovgapReport", "CovgapSupport", "GDALBridge", "CovgapTestSupport"]),
        .testTarget(
            name: "CovgapAnalyzeTests",
            dependencies: ["CovgapAnalyze", "CovgapModel", "GDALBridge", "CovgapTestSupport"]),
        .testTarget(name: "CovgapServeTests", dependencies: ["CovgapServe", "CovgapSupport", "CovgapTestSupport"]),
        .testTarget(
            name: "covgapTests",
            dependencies: [
                "CovgapAnalyze", "CovgapGrid", "CovgapModel", "CovgapPlanning", "CovgapReview", "CovgapSimulate",
                "CovgapSupport", "GDALBridge", "CovgapTestSupport",
            ]),
    ],
    swiftLanguageModes: [.v6]
)
