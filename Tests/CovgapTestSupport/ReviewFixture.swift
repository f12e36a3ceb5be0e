import Foundation
import GDALBridge

/// A run over three communes of 500 m × 500 m (EPSG:6933, 100 m cells): 00001 and 00002 in province 11, 00003 in
/// province 12. Carrier a covers every cell but a 3 × 2 block in the top-left corner of 00001 (a 0.06 km² dead zone);
/// carrier b covers only 00002. So: the block is white, the rest of 00001 partial (a only), 00002 covered by both.
/// And the province's submissions against it.
public enum ReviewFixture {
    public static func makeRun(_ f: Fixture) throws {
        try f.communes(
            [("00001", (0, 0, 500, 500)), ("00002", (500, 0, 1000, 500)), ("00003", (1000, 0, 1500, 500))],
            provinces: ["00003": "12"])
        var a = [UInt8](repeating: 1, count: 75), b = [UInt8](repeating: 0, count: 75)
        for r in 0..<2 { for c in 0..<3 { a[r * 15 + c] = 0 } }
        for r in 0..<5 { for c in 5..<10 { b[r * 15 + c] = 1 } }
        try f.raster("a.tif", columns: 15, rows: 5, values: a)
        try f.raster("b.tif", columns: 15, rows: 5, values: b)
        try f.config(coverage: [
            "{carrier: a, technology: 4G, path: a.tif, values: mask}",
            "{carrier: b, technology: 4G, path: b.tif, values: mask}",
        ])
        _ = try f.analyze()
    }

    /// lon/lat text of a point given in metres from the fixture's corner.
    public static func lonLat(_ x: Double, _ y: Double) throws -> (String, String) {
        let t = try CoordinateTransform(from: try SpatialReference(userInput: Fixture.crs), to: .wgs84())
        let p = t.transform(x: Fixture.x0 + x, y: Fixture.y0 + y)!
        return (String(format: "%.7f", p.x), String(format: "%.7f", p.y))
    }

    public static func submission(_ f: Fixture, _ rows: [[String]]) throws -> String {
        var text =
            "province_code,commune_code,village_name,technology,reported,carriers_missing,note,reported_on,lon,lat\n"
        for r in rows { text += r.joined(separator: ",") + "\n" }
        try text.write(toFile: f.path("submission.csv"), atomically: true, encoding: .utf8)
        return f.path("submission.csv")
    }

    public static func row(
        _ commune: String, _ name: String, _ tech: String, _ reported: String, _ p: (String, String),
        province: String = "11"
    ) -> [String] {
        [province, commune, name, tech, reported, "", "", "2026-09-30", p.0, p.1]
    }
}
