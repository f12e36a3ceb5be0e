import CovgapTestSupport
@testable import CovgapGrid
@testable import CovgapModel
@testable import CovgapReview
@testable import CovgapSupport
import Foundation
import GDALBridge
import Testing

/// Property: whatever the bytes, each parser of outside input either reads them or refuses them with a clear error
/// (InputError, or GDAL's own message); it never crashes or hangs, and a review accounts for every row it read.
/// Budget: COVGAP_FUZZ_ITERATIONS per target (default 60) or COVGAP_FUZZ_SECONDS; scripts/fuzz.sh runs longer.
/// The input being tried is kept in $TMPDIR/covgap-fuzz-<target> and its seed in …-<target>.seed, so a crash can be
/// reproduced and kept in `regressionSeeds`.
@Suite struct FuzzTests {
    /// Seeds that once broke a parser, kept as regressions. (The first crash found, a date parser overflow, is kept as
    /// a
    /// direct case in ReviewTests.readsDatesAsProvincesWriteThem: it was found before seeds were recorded.)
    static let regressionSeeds: [UInt64] = []

    static var iterations: Int { Int(ProcessInfo.processInfo.environment["COVGAP_FUZZ_ITERATIONS"] ?? "") ?? 60 }
    static var seconds: Double { Double(ProcessInfo.processInfo.environment["COVGAP_FUZZ_SECONDS"] ?? "") ?? 0 }

    /// Feeds mutations of `seedInput` to `body` until the budget is spent; `body` throws only on a broken property.
    static func fuzz(_ target: String, _ seedInput: String, _ body: ([UInt8]) throws -> Void) throws {
        let keep = FileManager.default.temporaryDirectory.appendingPathComponent("covgap-fuzz-\(target)")
        let started = Date()
        var n = 0
        while seconds > 0 ? Date().timeIntervalSince(started) <= seconds : n < iterations + regressionSeeds.count {
            let seed = n < regressionSeeds.count ? regressionSeeds[n] : UInt64(n - regressionSeeds.count)
            n += 1
            var m = Mutator(seed: seed)
            let input = m.mutate(Array(seedInput.utf8))
            try Data(input).write(to: keep)
            try Data("\(seed)\n".utf8).write(to: keep.appendingPathExtension("seed"))
            do { try body(input) } catch let e as InputError {
                #expect(!e.description.isEmpty)
            } catch let e as GDALError {
                #expect(!e.description.isEmpty)
            } catch {
                Issue.record("\(target), seed \(seed): unexpected error \(type(of: error)): \(error)")
            }
        }
    }

    static let config = """
        output: out
        boundaries: {path: communes.geojson, provinces: ["11"]}
        grid: {resolution_m: 100, crs: "EPSG:6933", tile_size: 512}
        dead_zones: {min_area_km2: 0.05}
        coverage:
          - {carrier: a, technology: 4G, path: a.tif, values: rsrp_dbm, threshold_dbm: -105, nodata: unknown}
        villages: {path: v.csv, weak_share: 0.2, weak_radius_m: 500}
        """

    @Test func configParserNeverCrashes() throws {
        try FuzzTests.fuzz("config", FuzzTests.config) { bytes in
            _ = try ConfigLoader.parse(String(decoding: bytes, as: UTF8.self), path: "/fuzz/config.yaml")
        }
    }

    @Test func siteAndVillageListsNeverCrash() throws {
        let f = try Fixture()
        let sites =
            "site_id,carrier,lon,lat,height_m,technologies,eirp_4g_dbm\nS1,a,103.1,21.2,30,3G;4G,27\nS2,b,103.2,21.3,45,4G,\n"
        try FuzzTests.fuzz("sites", sites) { bytes in
            try Data(bytes).write(to: URL(fileURLWithPath: f.path("s.csv")))
            _ = try SiteLoader.load(f.path("s.csv"))
        }
        let villages =
            "village_code,village_name,commune_code,lon,lat,households,has_grid_power\nV1,Bản Nà,03127,103.1,21.2,40,có\nV2,Thôn Ba,,103.2,21.3,,no\n"
        let input = VillageInput(
            path: f.path("v.csv"), layer: nil, codeField: "village_code", nameField: "village_name",
            communeCodeField: "commune_code", householdsField: "households", gridPowerField: "has_grid_power",
            difficultAreaField: "especially_difficult_area", lonField: "lon", latField: "lat", explicitKeys: [],
            weakShare: 0.2, weakRadiusMetres: 500)
        try FuzzTests.fuzz("villages", villages) { bytes in
            try Data(bytes).write(to: URL(fileURLWithPath: f.path("v.csv")))
            _ = try VillageLoader.load(input)
        }
    }

    @Test func boundaryGeoJSONNeverCrashes() throws {
        let f = try Fixture()
        try f.communes([("00001", (0, 0, 300, 300)), ("00002", (300, 0, 600, 300))])
        let geojson = try String(contentsOfFile: f.path("communes.geojson"), encoding: .utf8)
        try FuzzTests.fuzz("geojson", geojson) { bytes in
            try Data(bytes).write(to: URL(fileURLWithPath: f.path("communes.geojson")))
            let input = BoundaryInput(
                path: f.path("communes.geojson"), layer: nil, communeCodeField: "code", communeNameField: "name",
                provinceCodeField: "provinceCode", provinceNameField: "provinceName", provinces: nil)
            _ = try CommuneLoader.load(input, logger: .init(label: "fuzz"))
        }
    }

    @Test func reviewAccountsForEveryRowWhateverTheBytes() throws {
        let f = try Fixture()
        try ReviewFixture.makeRun(f)
        let p = try ReviewFixture.lonLat(50, 450)
        let q = try ReviewFixture.lonLat(750, 250)
        let submission = """
            province_code,commune_code,village_name,technology,reported,carriers_missing,note,reported_on,lon,lat
            11,00001,Bản Trắng,4G,white,a;b,"ghi chú, có dấu phẩy",2026-09-30,\(p.0),\(p.1)
            11,00002,Bản Hai,4G,weak,,,30/09/2026,\(q.0),\(q.1)
            """
        try FuzzTests.fuzz("submission", submission) { bytes in
            try Data(bytes).write(to: URL(fileURLWithPath: f.path("fuzz.csv")))
            let s = try ReviewRun(
                runPath: f.path("out"), submissionPath: f.path("fuzz.csv"), outputPath: f.path("fuzz_review"),
                settings: ReviewSettings(), logger: .init(label: "fuzz")
            ).run()
            #expect(s.accepted + s.rejected == s.rowsRead)
        }
    }
}
