import CovgapTestSupport
import Foundation
import Testing

/// Every polygon covgap writes is valid by GEOS and wound as RFC 7946 asks, checked by an independent validator
/// (`scripts/check_geometries.py`: OGR reads, shapely judges), and repairs keep each zone's area.
enum GeometryChecks {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/check_geometries.py").path

    /// Runs the validator over `folders`; returns how many polygons it judged.
    @discardableResult
    static func check(_ folders: [String]) throws -> Int {
        let r = try ExternalTools.capture("/usr/bin/python3", [script, "--areas"] + folders, timeout: 300)
        #expect(r.code == 0, "invalid or mis-wound geometry: \(r.stdout) \(r.stderr)")
        return r.stdout.split(separator: "\n").compactMap { line -> Int? in
            guard let data = line.data(using: .utf8),
                let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return nil }
            return o["polygons"] as? Int
        }.reduce(0, +)
    }
}

@Suite struct GeometryValidityTests {
    /// A 30 × 30 commune whose 4G coverage leaves diagonal chains of cells (zones touching only at corners, the shape
    /// that 8-connected polygonize draws as self-touching rings), for two carriers so partial not-spots form too.
    @Test func diagonalZonesAreWrittenValidEverywhere() throws {
        let f = try Fixture()
        try f.communes([("00001", (0, 0, 3000, 3000))])
        var a = [UInt8](repeating: 1, count: 900), b = [UInt8](repeating: 1, count: 900)
        for r in 0..<30 {
            for c in 0..<30 where (r + c) % 7 == 0 || (r - c + 30) % 9 == 0 { a[r * 30 + c] = 0; b[r * 30 + c] = 0 }
            for c in 0..<30 where (r + 2 * c) % 5 == 0 { b[r * 30 + c] = 0 }
        }
        try f.raster("a.tif", columns: 30, rows: 30, values: a)
        try f.raster("b.tif", columns: 30, rows: 30, values: b)
        try f.config(
            coverage: [
                "{carrier: a, technology: 4G, path: a.tif, values: mask}",
                "{carrier: b, technology: 4G, path: b.tif, values: mask}",
            ],
            minArea: 0)
        let r = try CovgapCLI.run(["analyze", f.path("config.yaml"), "--quiet"])
        #expect(r.code == 0, "\(r.stderr)")
        let w = try CovgapCLI.run(["workorders", f.path("out"), "--quiet"])
        #expect(w.code == 0, "\(w.stderr)")
        #expect(try GeometryChecks.check([f.path("out")]) > 3)
        // The cells are unchanged by the repair: zone cells sum to the not-spot area of the statistics.
        let zones = try Fixture.readGeoJSONProperties(f.path("out/dead_zones.geojson")).filter {
            $0["technology"] as? String == "4G"
        }
        let zoneKm2 = zones.reduce(0.0) { $0 + ($1["area_km2"] as? Double ?? 0) }
        let stats = try Fixture.readCSV(f.path("out/commune_stats.csv")).row("00001", "4G")!
        #expect(abs(zoneKm2 - Double(stats["notspot_total_km2"]!)!) < 1e-6)
    }
}
