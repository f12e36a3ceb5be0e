import CovgapTestSupport
import Foundation
import Testing

/// 3×3 and 40×40 cases whose answers are worked out by hand in the comments.
@Suite struct KernelHandTests {
    /// Carrier a (4G RSRP, threshold −105, nodata −32768) and carrier b (4G mask) on one 3×3 commune.
    ///
    ///     a: −104 −105 −106     b: 1 0 0      covered by a: ✓ ✓ ✗    by b: ✓ ✗ ✗
    ///        nd   −90  −200        0 0 7                    ✗ ✓ ✗          ✗ ✗ ✓
    ///        −105 −100 −120        0 0 0                    ✓ ✓ ✗          ✗ ✗ ✗
    ///
    /// any = 6 cells, all (a and b) = 1, partial = 5, none = 3: (0,2), (1,0), (2,2), none touching another.
    /// Population 1…9 row-major: covered by any = 1+2+5+6+7+8 = 29, by none = 3+4+9 = 16; a covers 1+2+5+7+8 = 23.
    func threeByThree(_ f: Fixture, nodata: String = "uncovered", minArea: Double = 0.05) throws -> [[String: String]] {
        try f.communes([("00001", (0, 0, 300, 300))])
        try f.raster(
            "a.tif", columns: 3, rows: 3, values: [Int16(-104), -105, -106, -32768, -90, -200, -105, -100, -120],
            noData: -32768)
        try f.raster("b.tif", columns: 3, rows: 3, values: [UInt8(1), 0, 0, 0, 0, 7, 0, 0, 0])
        try f.raster("pop.tif", columns: 3, rows: 3, values: (1...9).map { Float($0) })
        try f.config(
            coverage: [
                "{carrier: a, technology: 4G, path: a.tif, values: rsrp_dbm, nodata: \(nodata)}",
                "{carrier: b, technology: 4G, path: b.tif, values: mask}",
            ], population: "pop.tif", minArea: minArea)
        return try f.analyze()
    }

    @Test func classifiesAtThresholdsAndCountsCarriers() throws {
        let f = try Fixture()
        let rows = try threeByThree(f)
        let r = try #require(rows.row("00001", "4G"))
        #expect(r["area_km2"] == "0.0900")
        #expect(r["covered_any_km2"] == "0.0600")
        #expect(r["covered_all_km2"] == "0.0100")
        #expect(r["notspot_partial_km2"] == "0.0500")
        #expect(r["notspot_total_km2"] == "0.0300")
        #expect(r["pct_area_covered"] == "66.67")
        #expect(r["population"] == "45")
        #expect(r["population_covered"] == "29")
        #expect(r["population_notspot_total"] == "16")
        #expect(r["pct_population_covered"] == "64.44")
        #expect(r["covered_km2_a"] == "0.0500")
        #expect(r["population_covered_a"] == "23")
        #expect(r["covered_km2_b"] == "0.0200")
        #expect(r["pct_area_covered_b"] == "22.22")
        #expect(r["dead_zone_count"] == "0", "single-cell zones are under 0.05 km²")
        #expect(rows.row("00001", "3G") == nil, "no 3G layers: no 3G rows")
        #expect(rows.row("00001", "ANY")?["covered_any_km2"] == "0.0600")
    }

    @Test func unknownNodataIsNeitherCoveredNorNotSpot() throws {
        let f = try Fixture()
        let r = try #require(try threeByThree(f, nodata: "unknown").row("00001", "4G"))
        // (1,0) is nodata for a and not covered by b: undetermined, left out of every figure.
        #expect(r["area_km2"] == "0.0800")
        #expect(r["notspot_total_km2"] == "0.0200")
        #expect(r["covered_any_km2"] == "0.0600")
        #expect(r["population"] == "41")
    }

    @Test func minimumAreaZeroReportsSingleCells() throws {
        let f = try Fixture()
        let r = try #require(try threeByThree(f, minArea: 0).row("00001", "4G"))
        #expect(r["dead_zone_count"] == "3")
        let zones = try Fixture.readGeoJSONProperties(f.path("out/dead_zones.geojson"))
        #expect(zones.filter { $0["technology"] as? String == "4G" }.count == 3)
        // Ties in area (one cell each) are broken by position: (0,2) first, then (1,0), then (2,2).
        let first = try #require(zones.first { $0["id"] as? String == "DZ-4G-00001-1" })
        #expect(first["population"] as? Int == 3)
        #expect(first["nearest_km_a"] as? Double == 0.1)
    }

    /// A 10 × 1 strip: communes 00002 (cells 0–1), 00001 (cells 2–7), 00003 (cells 8–9). Carrier a covers cell 0 in 3G
    /// and cells 8–9 in 4G. Commune 00001 is one dead zone in every scope; by hand its nearest coverage is 2 cells
    /// (0.2 km) in 3G, 1 cell in 4G, and under ANY the nearer of the two, 0.1 km.
    @Test func anyDistanceIsTheNearerTechnology() throws {
        let f = try Fixture()
        try f.communes([("00002", (0, 0, 200, 100)), ("00001", (200, 0, 800, 100)), ("00003", (800, 0, 1000, 100))])
        try f.raster("a3.tif", columns: 10, rows: 1, values: [UInt8]([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        try f.raster("a4.tif", columns: 10, rows: 1, values: [UInt8]([0, 0, 0, 0, 0, 0, 0, 0, 1, 1]))
        try f.config(coverage: [
            "{carrier: a, technology: 3G, path: a3.tif, values: mask}",
            "{carrier: a, technology: 4G, path: a4.tif, values: mask}",
        ])
        _ = try f.analyze()
        let zones = try Fixture.readGeoJSONProperties(f.path("out/dead_zones.geojson")).filter {
            $0["commune_code"] as? String == "00001"
        }
        func nearest(_ t: String) -> Double? {
            zones.first { $0["technology"] as? String == t }?["nearest_km_a"] as? Double
        }
        #expect(nearest("3G") == 0.2)
        #expect(nearest("4G") == 0.1)
        #expect(nearest("ANY") == 0.1)
    }

    /// Commune 00002 spans x 0–160 m (cell centres 50 and 150 inside), 00001 spans 140–300 m (centres 150, 250).
    /// Column 1 is claimed by both; the lower code wins: 00001 gets 6 cells, 00002 the 3 of column 0.
    @Test func edgeCellsGoByCentreAndOverlapsToTheLowerCode() throws {
        let f = try Fixture()
        try f.communes([("00002", (0, 0, 160, 300)), ("00001", (140, 0, 300, 300))])
        try f.raster("a.tif", columns: 3, rows: 3, values: [UInt8](repeating: 1, count: 9))
        try f.config(coverage: ["{carrier: a, technology: 4G, path: a.tif, values: mask}"])
        let rows = try f.analyze()
        #expect(rows.row("00001", "4G")?["area_km2"] == "0.0600")
        #expect(rows.row("00002", "4G")?["area_km2"] == "0.0300")
        #expect(
            rows.map { $0["commune_code"]! } == ["00001", "00001", "00002", "00002"], "sorted by code, then 4G, ANY")
    }

    /// a covers row 0 in 3G only; b covers row 2 in 4G only; a's 4G reaches nothing; b has no 3G layer.
    @Test func anyCombinesTechnologiesPerCarrier() throws {
        let f = try Fixture()
        try f.communes([("00001", (0, 0, 300, 300))])
        try f.raster("a3.tif", columns: 3, rows: 3, values: [Int16(-90), -90, -90, -130, -130, -130, -130, -130, -130])
        try f.raster("a4.tif", columns: 3, rows: 3, values: [Int16](repeating: -130, count: 9))
        try f.raster("b4.tif", columns: 3, rows: 3, values: [Int16(-130), -130, -130, -130, -130, -130, -80, -80, -80])
        try f.config(coverage: [
            "{carrier: a, technology: 3G, path: a3.tif, values: rscp_dbm}",
            "{carrier: a, technology: 4G, path: a4.tif, values: rsrp_dbm}",
            "{carrier: b, technology: 4G, path: b4.tif, values: rsrp_dbm}",
        ])
        let rows = try f.analyze()
        let g3 = try #require(rows.row("00001", "3G")), g4 = try #require(rows.row("00001", "4G")),
            any = try #require(rows.row("00001", "ANY"))
        #expect(
            g3["covered_any_km2"] == "0.0300" && g3["covered_all_km2"] == "0.0300"
                && g3["notspot_total_km2"] == "0.0600")
        #expect(g3["covered_km2_b"] == "", "b has no 3G layer")
        #expect(
            g4["covered_any_km2"] == "0.0300" && g4["covered_all_km2"] == "0.0000"
                && g4["notspot_partial_km2"] == "0.0300")
        #expect(
            any["covered_any_km2"] == "0.0600" && any["covered_all_km2"] == "0.0000"
                && any["notspot_total_km2"] == "0.0300")
        #expect(any["covered_km2_a"] == "0.0300" && any["covered_km2_b"] == "0.0300")
        #expect(any["dead_zone_count"] == "0" && g4["dead_zone_count"] == "1", "4G: rows 0–1 (6 cells) are one zone")
    }

    /// 40×40 cells, tiles of 16: not-spots on the diagonal (40 cells, crossing tile corners at 15/16 and 31/32),
    /// a 2×2 block at rows 5–6, columns 30–31 (4 cells), and the pair (20,15)–(21,16) touching across a seam by a corner.
    @Test(arguments: [16, 512]) func eightConnectedZonesJoinAcrossTileSeams(tileSize: Int) throws {
        let f = try Fixture()
        try f.communes([("00001", (0, 0, 4000, 4000))])
        var mask = [UInt8](repeating: 1, count: 1600)
        for i in 0..<40 { mask[i * 40 + i] = 0 }
        for (r, c) in [(5, 30), (5, 31), (6, 30), (6, 31), (20, 15), (21, 16)] { mask[r * 40 + c] = 0 }
        try f.raster("a.tif", columns: 40, rows: 40, values: mask)
        try f.config(
            coverage: ["{carrier: a, technology: 4G, path: a.tif, values: mask}"], minArea: 0, tileSize: tileSize)
        let rows = try f.analyze()
        #expect(rows.row("00001", "4G")?["dead_zone_count"] == "3")
        let zones = try Fixture.readGeoJSONProperties(f.path("out/dead_zones.geojson")).filter {
            $0["technology"] as? String == "4G"
        }
        #expect(zones.map { $0["cells"] as? Int } == [40, 4, 2])
        #expect(zones.map { $0["id"] as? String } == ["DZ-4G-00001-1", "DZ-4G-00001-2", "DZ-4G-00001-3"])
        #expect(zones.first?["area_km2"] as? Double == 0.4)
    }
}
