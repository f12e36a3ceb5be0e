import CovgapTestSupport
import Foundation
import GDALBridge
import Testing

/// Partial not-spots and their remedies on a hand-built commune: carrier a covers the west 2 km, carrier b the west
/// 1 km, so x 1–2 km is a 1 km² partial not-spot (a covers, b is missing) and x 2–3 km a dead zone.
@Suite struct SharingRemedyTests {
    /// Writes the rasters, the commune and a site list (positions in EPSG:6933 metres from the fixture origin).
    static func build(
        _ f: Fixture, sites: [(id: String, carrier: String, x: Double, y: Double, height: Double, shareable: String)],
        sharing: String
    ) throws {
        try f.communes([("00001", (0, 0, 3000, 1000))])
        let a = (0..<300).map { i -> UInt8 in i % 30 < 20 ? 1 : 0 },
            b = (0..<300).map { i -> UInt8 in i % 30 < 10 ? 1 : 0 }
        try f.raster("a.tif", columns: 30, rows: 10, values: a)
        try f.raster("b.tif", columns: 30, rows: 10, values: b)
        let toLonLat = try CoordinateTransform(from: try SpatialReference(userInput: Fixture.crs), to: .wgs84())
        var csv = "site_id,carrier,lon,lat,height_m,technologies,shareable\n"
        for s in sites {
            let p = try #require(toLonLat.transform(x: Fixture.x0 + s.x, y: Fixture.y0 + s.y))
            let lon = String(format: "%.9f", p.x), lat = String(format: "%.9f", p.y)
            csv += "\(s.id),\(s.carrier),\(lon),\(lat),\(s.height),4G,\(s.shareable)\n"
        }
        try csv.write(toFile: f.path("sites.csv"), atomically: true, encoding: .utf8)
        try f.config(
            coverage: [
                "{carrier: a, technology: 4G, path: a.tif, values: mask}",
                "{carrier: b, technology: 4G, path: b.tif, values: mask}",
            ],
            extra: "sites: {path: sites.csv}\nsharing:\n\(sharing)")
    }

    static func partials(_ f: Fixture) throws -> [[String: Any]] {
        try Fixture.readGeoJSONProperties(f.path("out/partial_notspots.geojson")).filter {
            ($0["technology"] as? String) == "4G"
        }
    }

    @Test func nearestShareableSiteOfACoveringCarrierHostsTheMissingOne() throws {
        let f = try Fixture()
        // a-near is 100 m from the zone but not shareable; a-1 is 500 m away and shareable; b-1 belongs to the
        // missing carrier.
        try SharingRemedyTests.build(
            f,
            sites: [
                ("a-1", "a", 500, 500, 30, "yes"), ("a-near", "a", 900, 500, 30, "no"),
                ("b-1", "b", 950, 500, 30, "yes"),
            ],
            sharing: "  partial_notspots: {min_area_km2: 0.05, colocate_radius_km: 2}\n")
        _ = try f.analyze()
        let zones = try SharingRemedyTests.partials(f)
        #expect(zones.count == 1)
        let z = try #require(zones.first)
        #expect(z["id"] as? String == "PN-4G-00001-1")
        #expect(z["covered_by"] as? String == "a")
        #expect(z["missing"] as? String == "b")
        #expect(abs((z["area_km2"] as? Double ?? 0) - 1.0) < 1e-9)  // 10 × 10 cells of 0.01 km²
        #expect(z["remedy"] as? String == "colocate")
        #expect(z["remedy_b"] as? String == "colocate")
        #expect(z["remedy_a"] == nil || z["remedy_a"] is NSNull)
        #expect(z["host_site_id"] as? String == "a-1")
        #expect(z["host_carrier"] as? String == "a")
        #expect(abs((z["host_distance_km"] as? Double ?? 0) - 0.5) < 0.002)
        // Its median level at 0.5 km by hand (COST-231 Hata, rural, 1800 MHz, 30 m, EIRP 27 dBm): about −71.6 dBm.
        let lf = log10(1800.0), lhb = log10(30.0)
        let ahm = (1.1 * lf - 0.7) * 1.5 - (1.56 * lf - 0.8)
        let loss =
            46.3 + 33.9 * lf - 13.82 * lhb - ahm + (-4.78 * lf * lf + 18.33 * lf - 35.94) + (44.9 - 6.55 * lhb)
            * log10(0.5)
        #expect(abs((z["host_level_dbm"] as? Double ?? 0) - (27 - loss)) < 0.06)
    }

    /// With `sharing.terrain`, a host's level at the zone is taken over the DEM. On flat ground 100 m up, a-1 reaches
    /// the zone's nearest point 500 m away with free space alone (27 − 91.53 = −64.53 dBm; the smooth-Earth terms
    /// only take a little more); a 500 m wall 200–300 m east of it cuts it off, and the remedy turns to roaming.
    @Test func overTerrainAHostBehindAWallDoesNotReachTheZone() throws {
        for wall in [false, true] {
            let f = try Fixture()
            try SharingRemedyTests.build(
                f, sites: [("a-1", "a", 500, 500, 30, "yes")],
                sharing: "  partial_notspots: {colocate_radius_km: 2}\n  terrain: {dem: dem.tif, range_km: 2}\n")
            let heights = (0..<300).map { i -> Float in wall && i % 30 == 7 ? 500 : 100 }
            try f.raster("dem.tif", columns: 30, rows: 10, values: heights)
            _ = try f.analyze()
            let z = try #require(try SharingRemedyTests.partials(f).first)
            #expect(z["remedy_b"] as? String == (wall ? "roaming" : "colocate"), "wall \(wall)")
            if !wall {
                let level = try #require(z["host_level_dbm"] as? Double)
                let freeSpace = 32.45 + 20 * log10(1800.0) + 20 * log10(0.5)
                // The level is written to 0.1 dB.
                #expect(level <= 27 - freeSpace + 0.05 && level > 27 - freeSpace - 1, "level \(level)")
            }
        }
    }

    @Test func beyondTheSearchRadiusItIsRoaming() throws {
        let f = try Fixture()
        try SharingRemedyTests.build(
            f, sites: [("a-1", "a", 500, 500, 30, "yes")],
            sharing: "  partial_notspots: {colocate_radius_km: 0.3}\n")
        _ = try f.analyze()
        let z = try #require(try SharingRemedyTests.partials(f).first)
        #expect(z["remedy"] as? String == "roaming")
        #expect(z["remedy_b"] as? String == "roaming")
        #expect(z["host_site_id"] == nil || z["host_site_id"] is NSNull)
    }

    @Test func aSiteWhoseOwnSignalCannotReachTheZoneIsNotAHost() throws {
        let f = try Fixture()
        // 6 km west of the zone, inside a 10 km radius: by hand its median level there is
        // 27 − 136.7 ≈ −109.7 dBm, below −105.
        try SharingRemedyTests.build(
            f, sites: [("a-far", "a", -5000, 500, 30, "yes")],
            sharing: "  partial_notspots: {colocate_radius_km: 10}\n")
        _ = try f.analyze()
        #expect(try SharingRemedyTests.partials(f).first?["remedy"] as? String == "roaming")
        // Raised to 150 m the same site reaches (median ≈ −100 dBm at 6 km) and hosts.
        let g = try Fixture()
        try SharingRemedyTests.build(
            g, sites: [("a-far", "a", -5000, 500, 150, "yes")],
            sharing: "  partial_notspots: {colocate_radius_km: 10}\n")
        _ = try g.analyze()
        #expect(try SharingRemedyTests.partials(g).first?["host_site_id"] as? String == "a-far")
    }

    @Test func partialZonesAddUpToThePartialArea() throws {
        let f = try Fixture()
        try SharingRemedyTests.build(
            f, sites: [("a-1", "a", 500, 500, 30, "yes")], sharing: "  partial_notspots: {min_area_km2: 0}\n")
        let rows = try f.analyze()
        let total = try SharingRemedyTests.partials(f).reduce(0.0) { $0 + ($1["area_km2"] as? Double ?? 0) }
        #expect(
            abs(total - Double(try #require(rows.row("00001", "4G")?["notspot_partial_km2"]).flatMap(Double.init)!))
                < 1e-6)
        // The GeoPackage carries the same layer.
        let gpkg = try VectorDataset.open(f.path("out/coverage.gpkg"))
        #expect(try gpkg.layer(named: "partial_notspots").featureCount == 2)  // 4G and ANY
    }

    @Test func withoutTheKeyThereAreNoPartialZonesAndTheStatisticsAreTheSame() throws {
        let f = try Fixture()
        try SharingRemedyTests.build(f, sites: [("a-1", "a", 500, 500, 30, "yes")], sharing: "  partial_notspots: {}\n")
        let with = try f.analyze()
        let g = try Fixture()
        try SharingRemedyTests.build(g, sites: [("a-1", "a", 500, 500, 30, "yes")], sharing: "  colocation: {}\n")
        let without = try g.analyze()
        #expect(with == without)
        #expect(FileManager.default.fileExists(atPath: f.path("out/partial_notspots.geojson")))
        #expect(!FileManager.default.fileExists(atPath: g.path("out/partial_notspots.geojson")))
    }
}
