import CovgapTestSupport
@testable import CovgapModel
import Foundation
import GDALBridge
import Testing

/// The area of interest (`grid.margin_km`): where coverage is read, worked out by hand on two one-cell communes on a
/// diagonal, so that the rows around each reach only its own columns.
@Suite struct AreaOfInterestTests {
    /// Communes 00001 (0–100 m east, 0–100 m north) and 00002 (2000–2100 m, 2000–2100 m), from the fixture's corner.
    func twoCommunes(_ f: Fixture) throws {
        try f.communes([("00001", (0, 0, 100, 100)), ("00002", (2000, 2000, 2100, 2100))])
    }

    /// Margin 0.3 km = 3 cells. The grid is the communes' box (21 × 21 cells) and 3 cells more on every side: 27 × 27,
    /// its top-left corner 300 m west of and 2400 m north of the fixture's corner. 00001 is the cell at column 3, row 23;
    /// 00002 at column 23, row 3. Coverage is read in rows 20–26 × columns 0–6 and rows 0–6 × columns 20–26: 98 cells,
    /// each covered by carrier a (bit 0 → 1). The other 27² − 98 = 631 cells are never read: undetermined (128).
    /// On 16-cell tiles the grid's top-left and bottom-right tiles are skipped whole and the other two cut inside.
    @Test(arguments: [16, 512]) func coverageIsReadOnlyWithinTheMargin(tileSize: Int) throws {
        let f = try Fixture()
        try twoCommunes(f)
        try f.raster(
            "a.tif", columns: 27, rows: 27, values: [UInt8](repeating: 1, count: 27 * 27),
            originX: Fixture.x0 - 300, topY: Fixture.y0 + 2400)
        try f.config(
            coverage: ["{carrier: a, technology: 4G, path: a.tif, values: mask}"], tileSize: tileSize, marginKm: 0.3)
        _ = try f.analyze()
        let ds = try RasterDataset.open(f.path("out/coverage_bits.tif"))
        #expect(ds.width == 27 && ds.height == 27)
        let bits: [UInt8] = try ds.band(2).read(PixelWindow(column: 0, row: 0, width: 27, height: 27))
        var expected = [UInt8](repeating: 128, count: 27 * 27)
        for r in 0..<27 {
            for c in 0..<27
            where (20...26).contains(r) && (0...6).contains(c) || (0...6).contains(r) && (20...26).contains(c) {
                expected[r * 27 + c] = 1
            }
        }
        #expect(expected.filter { $0 == 1 }.count == 98)
        let wrong = (0..<bits.count).filter { bits[$0] != expected[$0] }
        #expect(
            wrong.isEmpty,
            "\(wrong.count) cells wrong, e.g. \(wrong.prefix(3).map { "row \($0 / 27) column \($0 % 27): \(bits[$0])" })"
        )
    }

    /// 00001's one cell is covered by nobody: a dead zone. Carrier a covers the cell 2 east of it (0.2 km between
    /// centres), carrier b only the cell 5 east (0.5 km). At margin 0.3 km, b's cell (column 3 + 5 = 8) is outside the
    /// area read around 00001 (columns 0–6), so b has no coverage to measure to; at 0.6 km (6 cells) it is inside
    /// (00001 at column 6, area columns 0–12, b's cell at 11) and the distance is exact.
    @Test(arguments: [(0.3, nil), (0.6, 0.5)] as [(Double, Double?)])
    func distancesAreExactWithinTheMargin(marginKm: Double, expectedB: Double?) throws {
        let f = try Fixture()
        try twoCommunes(f)
        try f.raster("a.tif", columns: 7, rows: 1, values: [UInt8]([0, 0, 1, 0, 0, 0, 0]))
        try f.raster("b.tif", columns: 7, rows: 1, values: [UInt8]([0, 0, 0, 0, 0, 1, 0]))
        try f.config(
            coverage: [
                "{carrier: a, technology: 4G, path: a.tif, values: mask}",
                "{carrier: b, technology: 4G, path: b.tif, values: mask}",
            ],
            minArea: 0, marginKm: marginKm)
        _ = try f.analyze()
        let zones = try Fixture.readGeoJSONProperties(f.path("out/dead_zones.geojson"))
        let zone = try #require(zones.first { $0["id"] as? String == "DZ-4G-00001-1" })
        #expect(zone["nearest_km_a"] as? Double == 0.2)
        #expect(zone["nearest_km_b"] as? Double == expectedB)
    }

    /// The margin is checked like every other key.
    @Test func marginOutOfRangeIsRefused() throws {
        let f = try Fixture()
        try twoCommunes(f)
        try f.raster("a.tif", columns: 7, rows: 1, values: [UInt8](repeating: 1, count: 7))
        try f.config(coverage: ["{carrier: a, technology: 4G, path: a.tif, values: mask}"], marginKm: -1)
        #expect { try ConfigLoader.load(path: f.path("config.yaml")) } throws: { "\($0)".contains("grid.margin_km") }
    }
}
