import CovgapTestSupport
import Foundation
import GDALBridge
import Testing

/// One input case of the corpus: how it is made from the valid 3×3 baseline, and what covgap must do with it.
struct InputCase: Sendable, CustomStringConvertible {
    let description: String
    /// Exit code expected: 0 (handled), 2 (refused as bad input).
    let exit: Int32
    /// Text the message (refusals) or stderr (warnings) must contain.
    let mentions: [String]
    /// For handled cases: the expected 4G covered_any_km2 of commune 00001 (all 9 cells covered = 0.0900).
    let coveredKm2: String?
    /// Text the output must not hold (a hint that would change the numbers' meaning, a scratch path).
    let forbids: [String]
    /// Whether `covgap inspect` must reach the same verdict (exit code and mentions) before a run.
    let inspect: Bool
    let prepare: @Sendable (Fixture) throws -> Void

    init(
        _ name: String, exit: Int32, _ mentions: [String] = [], covered: String? = nil, forbids: [String] = [],
        inspect: Bool = false,
        _ prepare: @escaping @Sendable (Fixture) throws -> Void
    ) {
        description = name
        self.exit = exit
        self.mentions = mentions
        coveredKm2 = covered
        self.forbids = forbids + [".scratch", ".partial-", ".vrt"]
        self.inspect = inspect
        self.prepare = prepare
    }
}

extension InputCase {
    static let all: [InputCase] = rasters + dataTypes + communes + configs + values
    static let covered = "0.0900"

    static let rasters: [InputCase] = [
        InputCase(
            "truncated tiled GeoTIFF (header intact, blocks cut off)", exit: 2,
            ["a.tif", "band 1, rows", "damaged or truncated"],
            inspect: true
        ) { f in
            try Baseline.make(f, raster: false)
            let ds = try RasterDataset.create(
                driver: "GTiff", path: f.path("a.tif"), width: 512, height: 512, bands: 1, type: .int16,
                options: ["TILED=YES"])
            try ds.setGeoTransform(
                GeoTransform(
                    originX: Fixture.x0 - 25_000, pixelWidth: 100, originY: Fixture.y0 + 25_000, pixelHeight: -100))
            try ds.setSpatialReference(try SpatialReference(userInput: Fixture.crs))
            try ds.band(1).write(
                PixelWindow(column: 0, row: 0, width: 512, height: 512),
                values: [Int16](repeating: -90, count: 512 * 512))
            try ds.flush()
            let data = try Data(contentsOf: URL(fileURLWithPath: f.path("a.tif")))
            try data.prefix(data.count * 6 / 10).write(to: URL(fileURLWithPath: f.path("a.tif")))
        },
        InputCase("truncated GeoTIFF", exit: 2, ["a.tif"]) { f in
            try Baseline.make(f)
            let data = try Data(contentsOf: URL(fileURLWithPath: f.path("a.tif")))
            try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: f.path("a.tif")))
        },
        InputCase("corrupt bytes named .tif", exit: 2, ["a.tif", "cannot be read as a raster"]) { f in
            try Baseline.make(f, raster: false)
            try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(
                to: URL(fileURLWithPath: f.path("a.tif")))
        },
        InputCase("empty file", exit: 2, ["a.tif"]) { f in
            try Baseline.make(f, raster: false)
            try Data().write(to: URL(fileURLWithPath: f.path("a.tif")))
        },
        InputCase("zero cell size", exit: 2, ["a.tif", "zero cell size"], forbids: ["no CRS"], inspect: true) { f in
            try Baseline.make(f, raster: false)
            try f.raster("a.tif", columns: 3, rows: 3, cell: 0, values: [Int16](repeating: -90, count: 9))
        },
        InputCase("south-up raster (positive pixel height)", exit: 0, covered: covered) { f in
            try Baseline.make(f, raster: false)
            let ds = try RasterDataset.create(
                driver: "GTiff", path: f.path("a.tif"), width: 3, height: 3, bands: 1, type: .int16)
            try ds.setGeoTransform(
                GeoTransform(originX: Fixture.x0, pixelWidth: 100, originY: Fixture.y0, pixelHeight: 100))
            try ds.setSpatialReference(try SpatialReference(userInput: Fixture.crs))
            try ds.band(1).write(
                PixelWindow(column: 0, row: 0, width: 3, height: 3), values: [Int16](repeating: -90, count: 9))
        },
        InputCase("rotated geotransform", exit: 0) { f in
            try Baseline.make(f, raster: false)
            let ds = try RasterDataset.create(
                driver: "GTiff", path: f.path("a.tif"), width: 6, height: 6, bands: 1, type: .int16)
            try ds.setGeoTransform(
                GeoTransform(
                    originX: Fixture.x0 - 150, pixelWidth: 90, rowRotation: 20, originY: Fixture.y0 + 450,
                    columnRotation: 20, pixelHeight: -90))
            try ds.setSpatialReference(try SpatialReference(userInput: Fixture.crs))
            try ds.band(1).write(
                PixelWindow(column: 0, row: 0, width: 6, height: 6), values: [Int16](repeating: -90, count: 36))
        },
        InputCase("raster in lon/lat over a projected grid", exit: 0, covered: covered) { f in
            try Baseline.make(f, raster: false)
            let t = try CoordinateTransform(from: try SpatialReference(userInput: Fixture.crs), to: .wgs84())
            let ll = t.transform(x: Fixture.x0 - 200, y: Fixture.y0 + 500)!
            try f.raster(
                "a.tif", columns: 10, rows: 10, cell: 0.001, values: [Int16](repeating: -90, count: 100),
                crs: "EPSG:4326",
                originX: ll.x, topY: ll.y)
        },
        InputCase("NaN and ±inf values", exit: 0, covered: "0.0600") { f in
            try Baseline.typed(f, [Float.nan, .infinity, -.infinity, -90, -90, -90, -90, -90, -90], kind: "rsrp_dbm")
        },
        InputCase("no nodata value", exit: 0, covered: covered) { f in
            try Baseline.typed(f, [Int16](repeating: -90, count: 9), kind: "rsrp_dbm")
        },
        InputCase("nodata out of the type's range", exit: 0, covered: covered) { f in
            try Baseline.typed(f, [UInt8](repeating: 1, count: 9), kind: "mask", noData: -9999)
        },
        InputCase("NaN nodata", exit: 0, covered: "0.0800") { f in
            try Baseline.typed(f, [Float.nan, -90, -90, -90, -90, -90, -90, -90, -90], kind: "rsrp_dbm", noData: .nan)
        },
        InputCase("positive values declared as dBm", exit: 2, ["a.tif", "band 1", "below −15"]) { f in
            try Baseline.typed(f, [Float](repeating: 35, count: 9), kind: "rsrp_dbm")
        },
        InputCase("undeclared 0 fill in a dBm raster", exit: 2, ["a.tif", "gdal_edit.py -a_nodata 0"]) { f in
            try Baseline.typed(f, [Int16(0), 0, -90, -90, -90, -90, -90, -90, -90], kind: "rsrp_dbm")
        },
        InputCase("raster path is a folder", exit: 2, ["is a folder"]) { f in
            try Baseline.make(f, raster: false)
            try FileManager.default.createDirectory(atPath: f.path("a.tif"), withIntermediateDirectories: true)
        },
        InputCase("band beyond the raster's bands", exit: 2, ["band 2", "1 band"]) { f in
            try Baseline.make(f)
            try Baseline.editConfig(f) {
                $0.replacingOccurrences(of: "values: rsrp_dbm}", with: "values: rsrp_dbm, band: 2}")
            }
        },
        InputCase("CRS given only as WKT with an unknown datum", exit: 0, covered: covered) { f in
            try Baseline.make(f, raster: false)
            let t = try CoordinateTransform(from: try SpatialReference(userInput: Fixture.crs), to: .wgs84())
            let ll = t.transform(x: Fixture.x0 - 200, y: Fixture.y0 + 500)!
            try f.raster(
                "a.tif", columns: 10, rows: 10, cell: 0.001, values: [Int16](repeating: -90, count: 100), crs: nil,
                originX: ll.x, topY: ll.y)
            let ds = try RasterDataset.open(f.path("a.tif"), update: true)
            try ds.setSpatialReference(
                try SpatialReference(
                    userInput: """
                        GEOGCS["unknown",DATUM["unknown_datum",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],                UNIT["degree",0.0174532925199433]]
                        """))
        },
        InputCase("village names in a legacy encoding", exit: 2, ["v.csv", "row 1", "not valid UTF-8"]) { f in
            try Baseline.make(f)
            var bytes = Array("village_code,village_name,lon,lat\nV1,B".utf8)
            bytes += [0xB8, 0xA3, 0x6E]  // TCVN3-style bytes for "ản"
            bytes += Array(",103.6,20.0\n".utf8)
            try Data(bytes).write(to: URL(fileURLWithPath: f.path("v.csv")))
            try Baseline.editConfig(f) { $0 + "villages: {path: v.csv}\n" }
        },
        InputCase("population with negative counts", exit: 0, covered: covered) { f in
            try Baseline.make(f, config: false)
            try f.raster("pop.tif", columns: 3, rows: 3, values: [Float](repeating: -5, count: 9))
            try f.config(coverage: [Baseline.coverage], population: "pop.tif")
        },
    ]

    /// Every GDAL data type, as a dBm layer or a mask, all cells covered.
    static let dataTypes: [InputCase] = [
        InputCase("Byte mask", exit: 0, covered: covered) { f in
            try Baseline.typed(f, [UInt8](repeating: 1, count: 9), kind: "mask")
        },
        InputCase("Int8 dBm", exit: 0, covered: covered) { f in
            try Baseline.make(f, raster: false, config: false)
            let ds = try RasterDataset.create(
                driver: "GTiff", path: f.path("a.tif"), width: 3, height: 3, bands: 1, type: .int8)
            try ds.setGeoTransform(
                GeoTransform(originX: Fixture.x0, pixelWidth: 100, originY: Fixture.y0 + 300, pixelHeight: -100))
            try ds.setSpatialReference(try SpatialReference(userInput: Fixture.crs))
            // Signed bytes: 166 stored = −90.
            try ds.band(1).write(
                PixelWindow(column: 0, row: 0, width: 3, height: 3), values: [UInt8](repeating: 166, count: 9))
            try f.config(coverage: [Baseline.coverage])
        },
        InputCase("UInt16 mask", exit: 0, covered: covered) { f in
            try Baseline.typed(f, [UInt16](repeating: 300, count: 9), kind: "mask")
        },
        InputCase("Int16 dBm", exit: 0, covered: covered) { f in
            try Baseline.typed(f, [Int16](repeating: -90, count: 9), kind: "rsrp_dbm")
        },
        InputCase("UInt32 mask", exit: 0, covered: covered) { f in
            try Baseline.typed(f, [UInt32](repeating: 70000, count: 9), kind: "mask")
        },
        InputCase("Int32 dBm", exit: 0, covered: covered) { f in
            try Baseline.typed(f, [Int32](repeating: -90, count: 9), kind: "rsrp_dbm")
        },
        InputCase("Float32 dBm", exit: 0, covered: covered) { f in
            try Baseline.typed(f, [Float](repeating: -90.5, count: 9), kind: "rsrp_dbm")
        },
        InputCase("Float64 dBm", exit: 0, covered: covered) { f in
            try Baseline.typed(f, [Double](repeating: -104.9, count: 9), kind: "rsrp_dbm")
        },
    ]

    static let communes: [InputCase] = [
        InputCase("self-intersecting (bow-tie) polygon", exit: 0, ["repaired", "00001"]) { f in
            try Baseline.make(f, communes: false)
            let (x, y) = (Fixture.x0, Fixture.y0)
            try Baseline.geojson(
                f,
                Baseline.feature(
                    "\"00001\"",
                    "{\"type\":\"Polygon\",\"coordinates\":[[[\(x),\(y)],[\(x + 300),\(y + 300)],[\(x + 300),\(y)],[\(x),\(y + 300)],[\(x),\(y)]]]}"
                ))
        },
        InputCase("unclosed polygon ring", exit: 0, ["repaired", "00001"], covered: covered) { f in
            try Baseline.make(f, communes: false)
            let (x, y) = (Fixture.x0, Fixture.y0)
            try Baseline.geojson(
                f,
                Baseline.feature(
                    "\"00001\"",
                    "{\"type\":\"Polygon\",\"coordinates\":[[[\(x),\(y)],[\(x + 300),\(y)],[\(x + 300),\(y + 300)],[\(x),\(y + 300)]]]}"
                ))
        },
        InputCase("empty geometry", exit: 2, ["communes.geojson", "has no geometry"]) { f in
            try Baseline.make(f, communes: false)
            try Baseline.geojson(f, Baseline.feature("\"00001\"", "null"))
        },
        InputCase("points instead of polygons", exit: 2, ["not a polygon"]) { f in
            try Baseline.make(f, communes: false)
            try Baseline.geojson(
                f, Baseline.feature("\"00001\"", "{\"type\":\"Point\",\"coordinates\":[\(Fixture.x0),\(Fixture.y0)]}"))
        },
        InputCase("null commune code", exit: 2, ["feature 1", "is empty"]) { f in
            try Baseline.make(f, communes: false)
            try Baseline.geojson(f, Baseline.feature("null", Baseline.square))
        },
        InputCase("duplicate commune code", exit: 2, ["appears again", "feature 2"]) { f in
            try Baseline.make(f, communes: false)
            try Baseline.geojson(
                f, Baseline.feature("\"00001\"", Baseline.square) + "," + Baseline.feature("\"00001\"", Baseline.square)
            )
        },
        InputCase("codes that lost their leading zeros", exit: 0, ["padded"], covered: covered) { f in
            try Baseline.make(f, communes: false)
            try Baseline.geojson(f, Baseline.feature("1", Baseline.square))
        },
        InputCase("layer with no features", exit: 2, ["no communes found"]) { f in
            try Baseline.make(f, communes: false)
            try Baseline.geojson(f, "")
        },
        InputCase("lat/lon order in a lon/lat layer", exit: 2, ["beyond ±90", "longitude first"]) { f in
            try Baseline.make(f, communes: false)
            try Baseline.geojson(
                f,
                Baseline.feature(
                    "\"00001\"",
                    "{\"type\":\"Polygon\",\"coordinates\":[[[21.0,103.0],[21.0,103.01],[21.01,103.01],[21.01,103.0],[21.0,103.0]]]}"
                ), crs: nil)
        },
        InputCase("names not in UTF-8", exit: 2, ["not valid UTF-8"]) { f in
            try Baseline.make(f, communes: false)
            try Baseline.geojson(f, Baseline.feature("\"00001\"", Baseline.square, name: "XA_NAME"))
            var data = try Data(contentsOf: URL(fileURLWithPath: f.path("communes.geojson")))
            let marker = Data("XA_NAME".utf8)
            let range = data.range(of: marker)!
            data.replaceSubrange(range, with: Data([0x58, 0xE3, 0x20, 0xD0, 0xEC, 0x6E]))  // TCVN3-style bytes
            try data.write(to: URL(fileURLWithPath: f.path("communes.geojson")))
        },
        InputCase("boundary file missing", exit: 2, ["communes.geojson", "cannot be opened"]) { f in
            try Baseline.make(f, communes: false)
        },
        InputCase("communes of another province only", exit: 2, ["no communes found", "province(s) 99"]) { f in
            try Baseline.make(f)
            try Baseline.editConfig(f) {
                $0.replacingOccurrences(
                    of: "{path: communes.geojson}", with: "{path: communes.geojson, provinces: [\"99\"]}")
            }
        },
    ]

    static let configs: [InputCase] = [
        InputCase("unknown config key", exit: 2, ["config.yaml", "unknown key 'colour'"]) { f in
            try Baseline.make(f)
            try Baseline.editConfig(f) { $0 + "colour: blue\n" }
        },
        InputCase("wrong type", exit: 2, ["resolution_m", "must be a number"]) { f in
            try Baseline.make(f)
            try Baseline.editConfig(f) { $0.replacingOccurrences(of: "resolution_m: 100", with: "resolution_m: fine") }
        },
        InputCase("missing coverage section", exit: 2, ["coverage"]) { f in
            try Baseline.make(f)
            try Baseline.editConfig(f) { $0.components(separatedBy: "coverage:")[0] }
        },
        InputCase("invalid YAML", exit: 2, ["not valid YAML"]) { f in
            try Baseline.make(f)
            try Baseline.editConfig(f) { $0 + "grid: [unclosed\n" }
        },
        InputCase("config path is a folder", exit: 2, ["is a folder"]) { f in
            try Baseline.make(f, config: false)
            try FileManager.default.createDirectory(atPath: f.path("config.yaml"), withIntermediateDirectories: true)
        },
        InputCase("config file missing", exit: 2, ["config file not found"]) { f in try Baseline.make(f, config: false)
        },
        InputCase("output under a regular file", exit: 2, ["output"]) { f in
            try Baseline.make(f)
            try "x".write(toFile: f.path("blocker"), atomically: true, encoding: .utf8)
            try Baseline.editConfig(f) { $0.replacingOccurrences(of: "output: out", with: "output: blocker/out") }
        },
        InputCase("grid over the cell budget", exit: 2, ["over the budget"]) { f in
            try Baseline.make(f)
            try Baseline.editConfig(f) {
                $0.replacingOccurrences(of: "tile_size: 512}", with: "tile_size: 512, max_cells: 4}")
            }
        },
        InputCase("more than seven carriers", exit: 2, ["at most 7"]) { f in
            try Baseline.make(f, config: false)
            try f.config(coverage: (0..<8).map { "{carrier: c\($0), technology: 4G, path: a.tif, values: rsrp_dbm}" })
        },
        // Sharing inputs.
        InputCase("unknown sharing key", exit: 2, ["config.yaml", "sharing.shared_site", "unknown key"]) { f in
            try Baseline.make(f, config: false)
            try f.config(coverage: [Baseline.coverage], extra: "sharing: {shared_site: {}}\n")
        },
        InputCase("target share above 1", exit: 2, ["target_share"]) { f in
            try Baseline.make(f, config: false)
            try f.config(coverage: [Baseline.coverage], extra: "sharing: {shared_sites: {target_share: 95}}\n")
        },
        InputCase("shared masts for a technology without layers", exit: 2, ["3G", "no coverage layer"]) { f in
            try Baseline.make(f, config: false)
            try f.config(coverage: [Baseline.coverage], extra: "sharing: {shared_sites: {technology: 3G}}\n")
        },
        InputCase("site list with a duplicate id", exit: 2, ["sites.csv", "row 2", "appears again"]) { f in
            try Baseline.make(f, config: false)
            try "site_id,carrier,lon,lat,height_m,technologies\nS1,a,103.6,20.0,30,4G\nS1,a,103.6,20.0,30,4G\n"
                .write(toFile: f.path("sites.csv"), atomically: true, encoding: .utf8)
            try f.config(coverage: [Baseline.coverage], extra: "sites: {path: sites.csv}\n")
        },
        InputCase("site shareable neither yes nor no", exit: 2, ["sites.csv", "row 1", "shareable"]) { f in
            try Baseline.make(f, config: false)
            try "site_id,carrier,lon,lat,height_m,technologies,shareable\nS1,a,103.6,20.0,30,4G,maybe\n"
                .write(toFile: f.path("sites.csv"), atomically: true, encoding: .utf8)
            try f.config(coverage: [Baseline.coverage], extra: "sites: {path: sites.csv}\n")
        },
        InputCase("cable placement unknown", exit: 2, ["cables.geojson", "feature 1", "placement 'hanging'"]) { f in
            try Baseline.make(f, config: false)
            try """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"owner":"a","placement":"hanging","road_name":"X","road_class":"local"},\
            "geometry":{"type":"LineString","coordinates":[[103.6,20.0],[103.61,20.0]]}}]}
            """.write(toFile: f.path("cables.geojson"), atomically: true, encoding: .utf8)
            try f.config(coverage: [Baseline.coverage], extra: "sharing: {undergrounding: {path: cables.geojson}}\n")
        },
        InputCase(
            "cable layer without the owner field", exit: 2,
            ["cables.geojson", "no field 'owner'", "sharing.undergrounding.owner"]
        ) { f in
            try Baseline.make(f, config: false)
            try """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"placement":"aerial","road_name":"X","road_class":"local"},\
            "geometry":{"type":"LineString","coordinates":[[103.6,20.0],[103.61,20.0]]}}]}
            """.write(toFile: f.path("cables.geojson"), atomically: true, encoding: .utf8)
            try f.config(coverage: [Baseline.coverage], extra: "sharing: {undergrounding: {path: cables.geojson}}\n")
        },
        InputCase("cable that is a point", exit: 2, ["cables.geojson", "feature 1", "no line geometry"]) { f in
            try Baseline.make(f, config: false)
            try """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"owner":"a","placement":"aerial","road_name":"X","road_class":"local"},\
            "geometry":{"type":"Point","coordinates":[103.6,20.0]}}]}
            """.write(toFile: f.path("cables.geojson"), atomically: true, encoding: .utf8)
            try f.config(coverage: [Baseline.coverage], extra: "sharing: {undergrounding: {path: cables.geojson}}\n")
        },
    ]
}

/// Runs every corpus case through the real binary: refusals exit 2 with a message naming the problem and leave no output
/// folder; handled cases exit 0 with the expected figures. Nothing crashes or hangs.
@Suite struct BadInputCorpusTests {
    @Test func theCorpusIsLargeEnough() { #expect(InputCase.all.count >= 40) }

    @Test(arguments: InputCase.all) func behavesAsPromised(_ c: InputCase) throws {
        let f = try Fixture()
        try c.prepare(f)
        let r = try CovgapCLI.run(["analyze", f.path("config.yaml")])
        #expect(r.code == c.exit, "\(c): exit \(r.code), stderr: \(r.stderr)")
        for m in c.mentions { #expect(r.stderr.contains(m), "\(c): stderr lacks '\(m)': \(r.stderr)") }
        for m in c.forbids { #expect(!r.stderr.contains(m), "\(c): stderr holds '\(m)': \(r.stderr)") }
        if c.inspect {
            let i = try CovgapCLI.run(["inspect", f.path("config.yaml")])
            #expect(i.code == c.exit, "\(c): inspect exit \(i.code), stdout: \(i.stdout)")
            for m in c.mentions {
                #expect(i.stdout.contains(m) || i.stderr.contains(m), "\(c): inspect lacks '\(m)': \(i.stdout)")
            }
        }
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("internal error"), "\(c): \(r.stderr)")
        if c.exit != 0 {
            #expect(!FileManager.default.fileExists(atPath: f.path("out")), "\(c): output left behind")
            #expect(
                r.stderr.split(separator: "\n").filter { $0.contains(" error ") }.count == 1,
                "\(c): one clear message: \(r.stderr)")
        } else if let covered = c.coveredKm2 {
            let rows = try Fixture.readCSV(f.path("out/commune_stats.csv"))
            #expect(rows.row("00001", "4G")?["covered_any_km2"] == covered, "\(c)")
        }
    }
}
