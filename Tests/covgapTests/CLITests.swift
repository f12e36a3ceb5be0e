import CovgapTestSupport
import Foundation
import Testing

/// Runs the built `covgap` binary as a user would, checking exit codes, messages and that no output folder is left.
@Suite struct CLITests {
    /// A valid 3×3 setup; each case breaks one thing.
    func setup() throws -> Fixture {
        let f = try Fixture()
        try f.communes([("00001", (0, 0, 300, 300))])
        try f.raster("a.tif", columns: 3, rows: 3, values: [Int16](repeating: -90, count: 9), noData: -32768)
        return f
    }

    func expectRefused(_ f: Fixture, _ mentions: [String]) throws {
        let r = try CovgapCLI.run(["analyze", f.path("config.yaml")])
        #expect(r.code == 2, "exit code for bad input")
        for m in mentions { #expect(r.stderr.contains(m), "stderr should mention \(m): \(r.stderr)") }
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"))
        #expect(!FileManager.default.fileExists(atPath: f.path("out")), "no output folder after a refused run")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: f.dir.path).filter {
            $0.contains("partial")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func runsAValidConfig() throws {
        let f = try setup()
        try f.config(coverage: ["{carrier: a, technology: 4G, path: a.tif, values: rsrp_dbm}"])
        let r = try CovgapCLI.run(["analyze", f.path("config.yaml"), "--quiet"])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout.contains("communes: 1"))
        for file in ["commune_stats.csv", "dead_zones.geojson", "coverage.gpkg", "manifest.json", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: f.path("out/\(file)")), "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: f.path("out/.scratch")))
        // The outputs open cleanly with GDAL's own tools, as QGIS would read them.
        for file in ["dead_zones.geojson", "coverage.gpkg"] {
            let info = try ExternalTools.run("ogrinfo", ["-ro", "-so", "-al", f.path("out/\(file)")])
            #expect(info.contains("Feature Count") && !info.contains("ERROR"), "\(file)")
        }
        let layers = try ExternalTools.run("ogrinfo", ["-ro", "-q", f.path("out/coverage.gpkg")])
        #expect(layers.contains("communes") && layers.contains("dead_zones"))
    }

    @Test func refusesAMissingRaster() throws {
        let f = try setup()
        try f.config(coverage: ["{carrier: a, technology: 4G, path: missing.tif, values: rsrp_dbm}"])
        try expectRefused(f, ["missing.tif", "not found"])
    }

    @Test func refusesARasterWithoutCRS() throws {
        let f = try setup()
        try f.raster("nocrs.tif", columns: 3, rows: 3, values: [Int16](repeating: -90, count: 9), crs: nil)
        try f.config(coverage: ["{carrier: a, technology: 4G, path: nocrs.tif, values: rsrp_dbm}"])
        try expectRefused(f, ["nocrs.tif", "has no CRS"])
    }

    @Test func refusesARasterThatDoesNotOverlap() throws {
        let f = try setup()
        try f.raster(
            "far.tif", columns: 3, rows: 3, values: [Int16](repeating: -90, count: 9), originX: Fixture.x0 + 500_000)
        try f.config(coverage: ["{carrier: a, technology: 4G, path: far.tif, values: rsrp_dbm}"])
        try expectRefused(f, ["far.tif", "does not overlap the communes"])
    }

    @Test func refusesAMissingAttributeField() throws {
        let f = try setup()
        try f.config(coverage: ["{carrier: a, technology: 4G, path: a.tif, values: rsrp_dbm}"])
        var text = try String(contentsOfFile: f.path("config.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "boundaries: {path: communes.geojson}",
            with: "boundaries: {path: communes.geojson, commune_code: ma_xa}")
        try text.write(toFile: f.path("config.yaml"), atomically: true, encoding: .utf8)
        try expectRefused(f, ["communes.geojson", "no field 'ma_xa'", "boundaries.commune_code"])
    }

    @Test func refusesAThresholdWithNoValueKind() throws {
        let f = try setup()
        try f.config(coverage: ["{carrier: a, technology: 4G, path: a.tif, threshold_dbm: -100}"])
        try expectRefused(f, ["config.yaml", "threshold_dbm is given but not what the values are"])
    }

    @Test func keepsAnEarlierCompleteRunWhenANewOneFails() throws {
        let f = try setup()
        try f.config(coverage: ["{carrier: a, technology: 4G, path: a.tif, values: rsrp_dbm}"])
        #expect(try CovgapCLI.run(["analyze", f.path("config.yaml"), "--quiet"]).code == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: f.path("out/commune_stats.csv")))
        try f.config(coverage: ["{carrier: a, technology: 4G, path: missing.tif, values: rsrp_dbm}"])
        #expect(try CovgapCLI.run(["analyze", f.path("config.yaml")]).code == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.path("out/commune_stats.csv"))) == before)
    }
}

extension CLITests {
    @Test func refusesAGridCRSThatDoesNotPreserveArea() throws {
        let f = try setup()
        try f.config(coverage: ["{carrier: a, technology: 4G, path: a.tif, values: rsrp_dbm}"])
        let text = try String(contentsOfFile: f.path("config.yaml"), encoding: .utf8).replacingOccurrences(
            of: "EPSG:6933", with: "EPSG:32648")
        try text.write(toFile: f.path("config.yaml"), atomically: true, encoding: .utf8)
        try expectRefused(f, ["config.yaml", "key 'grid.crs'", "does not preserve area"])
    }
}

/// Progress of long steps when stderr is not a terminal: plain lines with percent, rate and ETA; none with --quiet.
@Suite struct ProgressTests {
    @Test func plainLinesOffATerminalAndSilenceWhenQuiet() throws {
        let f = try Fixture()
        try f.communes([("00001", (0, 0, 4000, 4000))])
        try f.raster("a.tif", columns: 40, rows: 40, values: [UInt8](repeating: 1, count: 1600))
        try f.config(coverage: ["{carrier: a, technology: 4G, path: a.tif, values: mask}"], tileSize: 16, marginKm: 0)
        let r = try ExternalTools.capture(
            CovgapCLI.binary, ["analyze", f.path("config.yaml")], environment: ["COVGAP_PROGRESS_SECONDS": "0"])
        #expect(r.code == 0)
        #expect(
            r.stderr.contains("warping and classifying: 100% (9/9 tiles)") && r.stderr.contains("tiles/s, ETA"),
            "\(r.stderr)")
        #expect(!r.stderr.contains("\u{1B}["), "no terminal control codes in a pipe")
        let quiet = try ExternalTools.capture(
            CovgapCLI.binary, ["analyze", f.path("config.yaml"), "--quiet"],
            environment: ["COVGAP_PROGRESS_SECONDS": "0"])
        #expect(quiet.code == 0 && !quiet.stderr.contains("warping"))
    }
}
