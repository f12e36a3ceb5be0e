// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "covgap",
    // Linux only (Debian's GDAL and PROJ, glibc's renameat2 and mallopt): no Apple platform is claimed.
    products: [
        .executable(name: "covgap", targets: ["covgap"]),
        .library(name: "CovgapCore", targets: ["CovgapCore"]),
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
        // The analysis: config, grid, kernel, outputs. Sees Swift values only.
        .target(
            name: "CovgapCore",
            dependencies: [
                "GDALBridge",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The intake service: provinces' reviews, carriers' work orders, tokens, SQLite.
        .target(
            name: "CovgapServe",
            dependencies: [
                "CovgapCore",
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
                "CovgapCore",
                "CovgapServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "CovgapCoreTests",
            dependencies: ["CovgapCore", "GDALBridge", "CovgapServe"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
