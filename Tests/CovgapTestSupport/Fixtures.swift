@testable import CovgapAnalyze
@testable import CovgapModel
import Foundation
import GDALBridge

/// A temporary folder with tiny inputs built in the test: rasters with a known geotransform, nodata and CRS, and
/// commune layers, all in EPSG:6933 (an equal-area CRS, so a 100 m cell is exactly 0.01 km²).
public final class Fixture {
    public static let crs = "EPSG:6933"
    /// Lower-left corner of the test area in EPSG:6933 metres (around 103.6°E, 20°N).
    public static let x0 = 10_000_000.0, y0 = 2_500_000.0
    public let dir: URL

    public init() throws {
        GDALRuntime.initialize()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("covgap-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    public func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Writes a north-up raster whose top-left corner is (x0, y0 + rows × cell), row-major `values`.
    @discardableResult
    public func raster<T: RasterScalar>(
        _ name: String, columns: Int, rows: Int, cell: Double = 100, values: [T], noData: Double? = nil,
        crs: String? = Fixture.crs, originX: Double = Fixture.x0, topY: Double? = nil
    ) throws -> String {
        let ds = try RasterDataset.create(
            driver: "GTiff", path: path(name), width: columns, height: rows, bands: 1, type: T.rasterType)
        try ds.setGeoTransform(
            GeoTransform(
                originX: originX, pixelWidth: cell, originY: topY ?? Fixture.y0 + Double(rows) * cell,
                pixelHeight: -cell))
        if let crs { try ds.setSpatialReference(try SpatialReference(userInput: crs)) }
        let band = try ds.band(1)
        if let noData { try band.setNoDataValue(noData) }
        try band.write(PixelWindow(column: 0, row: 0, width: columns, height: rows), values: values)
        try ds.flush()
        return path(name)
    }

    /// Writes communes as a GeoJSON in EPSG:6933: (code, rectangle minX, minY, maxX, maxY) in metres from (x0, y0).
    @discardableResult
    public func communes(
        _ items: [(code: String, box: (Double, Double, Double, Double))],
        province: String = "11", provinces: [String: String] = [:], name: String = "communes.geojson"
    ) throws -> String {
        let features = items.map { item -> String in
            let (a, b, c, d) = item.box
            let (x1, y1, x2, y2) = (Fixture.x0 + a, Fixture.y0 + b, Fixture.x0 + c, Fixture.y0 + d)
            return """
                {"type":"Feature","properties":{"code":"\(item.code)","name":"Xã \(item.code)","provinceCode":"\(provinces[item.code] ?? province)","provinceName":"Tỉnh Thử"},\
                "geometry":{"type":"Polygon","coordinates":[[[\(x1),\(y1)],[\(x2),\(y1)],[\(x2),\(y2)],[\(x1),\(y2)],[\(x1),\(y1)]]]}}
                """
        }
        let text = """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::6933"}},"features":[\(features.joined(separator: ","))]}
            """
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    /// Writes a config; `coverage` lines are YAML flow mappings.
    @discardableResult
    public func config(
        _ name: String = "config.yaml", coverage: [String], population: String? = nil, minArea: Double = 0.05,
        tileSize: Int = 512, marginKm: Double? = nil, extra: String = ""
    ) throws -> String {
        var text = """
            output: out
            boundaries: {path: communes.geojson}
            grid: {resolution_m: 100, crs: "\(Fixture.crs)", tile_size: \(tileSize)\(marginKm.map { ", margin_km: \($0)" } ?? "")}
            dead_zones: {min_area_km2: \(minArea)}
            coverage:

            """
        for c in coverage { text += "  - \(c)\n" }
        if let population { text += "population: {path: \(population)}\n" }
        text += extra
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    /// Runs the analysis in-process and returns the CSV rows as dictionaries.
    public func analyze(_ configName: String = "config.yaml", threads: Int = 2) throws -> [[String: String]] {
        let cfg = try ConfigLoader.load(path: path(configName))
        _ = try AnalysisRun(config: cfg, threads: threads, logger: .init(label: "test")).run()
        return try Fixture.readCSV(cfg.output + "/commune_stats.csv")
    }

    /// Parses a covgap CSV (BOM, no quoted commas in these fixtures) into dictionaries.
    public static func readCSV(_ path: String) throws -> [[String: String]] {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    /// The features of a GeoJSON output as property dictionaries.
    public static func readGeoJSONProperties(_ path: String) throws -> [[String: Any]] {
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        return (json["features"] as! [[String: Any]]).map { $0["properties"] as! [String: Any] }
    }
}

extension Array where Element == [String: String] {
    /// The row of `commune` and `technology`.
    public func row(_ commune: String, _ technology: String) -> [String: String]? {
        first { $0["commune_code"] == commune && $0["technology"] == technology }
    }
}
