import Foundation
import GDALBridge

/// The baseline: commune 00001 (3×3 cells of 100 m, EPSG:6933), carrier a's 4G raster a.tif covering everything.
public enum Baseline {
    public static let coverage = "{carrier: a, technology: 4G, path: a.tif, values: rsrp_dbm}"

    public static func make(_ f: Fixture, raster: Bool = true, communes: Bool = true, config: Bool = true) throws {
        if communes { try f.communes([("00001", (0, 0, 300, 300))]) }
        if raster {
            try f.raster("a.tif", columns: 3, rows: 3, values: [Int16](repeating: -90, count: 9), noData: -32768)
        }
        if config { try f.config(coverage: [coverage]) }
    }

    /// A raster of `values` as `a.tif` and a config reading it as `kind`.
    public static func typed<T: RasterScalar>(_ f: Fixture, _ values: [T], kind: String, noData: Double? = nil) throws {
        try make(f, raster: false, config: false)
        try f.raster("a.tif", columns: 3, rows: 3, values: values, noData: noData)
        try f.config(coverage: ["{carrier: a, technology: 4G, path: a.tif, values: \(kind)}"])
    }

    /// Writes communes.geojson as given (raw GeoJSON features text, optional crs member).
    public static func geojson(_ f: Fixture, _ features: String, crs: String? = "urn:ogc:def:crs:EPSG::6933") throws {
        let crsMember = crs.map { "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"\($0)\"}}," } ?? ""
        try "{\"type\":\"FeatureCollection\",\(crsMember)\"features\":[\(features)]}".write(
            toFile: f.path("communes.geojson"), atomically: true, encoding: .utf8)
    }

    public static func feature(_ code: String, _ geometry: String, name: String = "Xã Thử") -> String {
        "{\"type\":\"Feature\",\"properties\":{\"code\":\(code),\"name\":\"\(name)\",\"provinceCode\":\"11\",\"provinceName\":\"Tỉnh\"},\"geometry\":\(geometry)}"
    }

    public static let x0 = Fixture.x0, y0 = Fixture.y0
    public static let square =
        "{\"type\":\"Polygon\",\"coordinates\":[[[\(x0),\(y0)],[\(x0 + 300),\(y0)],[\(x0 + 300),\(y0 + 300)],[\(x0),\(y0 + 300)],[\(x0),\(y0)]]]}"

    public static func editConfig(_ f: Fixture, file: String = "config.yaml", _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: f.path(file), encoding: .utf8)
        try change(text).write(toFile: f.path(file), atomically: true, encoding: .utf8)
    }
}
