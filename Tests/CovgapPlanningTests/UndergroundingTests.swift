import CovgapTestSupport
import Foundation
import Testing

/// Undergrounding on hand-drawn cables: a ward (00001, x 0–3 km) and a rural commune (00002, x 3–6 km), cables drawn in
/// EPSG:6933 metres from the fixture origin, each predicate switched on and off by one segment.
@Suite struct UndergroundingTests {
    static func line(
        _ owner: String, _ placement: String, _ road: String, _ roadClass: String, x0: Double, x1: Double, y: Double
    ) -> String {
        let (a, b, c) = (Fixture.x0 + x0, Fixture.x0 + x1, Fixture.y0 + y)
        return """
            {"type":"Feature","properties":{"owner":"\(owner)","placement":"\(placement)","road_name":"\(road)","road_class":"\(roadClass)"},\
            "geometry":{"type":"LineString","coordinates":[[\(a),\(c)],[\(b),\(c)]]}}
            """
    }

    static func run(_ f: Fixture) throws -> [[String: String]] {
        let communes = """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::6933"}},"features":[
            {"type":"Feature","properties":{"code":"00001","name":"Một","fullName":"Phường Một","provinceCode":"11","provinceName":"T"},\
            "geometry":{"type":"Polygon","coordinates":[[[\(Fixture.x0),\(Fixture.y0)],[\(Fixture.x0 + 3000),\(Fixture.y0)],[\(Fixture.x0 + 3000),\(Fixture.y0 + 3000)],[\(Fixture.x0),\(Fixture.y0 + 3000)],[\(Fixture.x0),\(Fixture.y0)]]]}},
            {"type":"Feature","properties":{"code":"00002","name":"Hai","fullName":"Xã Hai","provinceCode":"11","provinceName":"T"},\
            "geometry":{"type":"Polygon","coordinates":[[[\(Fixture.x0 + 3000),\(Fixture.y0)],[\(Fixture.x0 + 6000),\(Fixture.y0)],[\(Fixture.x0 + 6000),\(Fixture.y0 + 3000)],[\(Fixture.x0 + 3000),\(Fixture.y0 + 3000)],[\(Fixture.x0 + 3000),\(Fixture.y0)]]]}}]}
            """
        try communes.write(toFile: f.path("communes.geojson"), atomically: true, encoding: .utf8)
        try f.raster("cov.tif", columns: 60, rows: 30, values: [UInt8](repeating: 1, count: 1800))
        // 5 people per 100 m cell: 500 per km² in both communes.
        try f.raster("pop.tif", columns: 60, rows: 30, values: [Float](repeating: 5, count: 1800))
        func l(_ o: String, _ p: String, _ r: String, _ c: String, x0: Double, x1: Double, y: Double) -> String {
            UndergroundingTests.line(o, p, r, c, x0: x0, x1: x1, y: y)
        }
        let cables = [
            l("viettel", "aerial", "QL1", "national", x0: 3500, x1: 4500, y: 500),  // 1 main road (rural)
            l("viettel", "aerial", "Phố A", "urban_local", x0: 500, x1: 1500, y: 500),  // 2 in a ward
            l("viettel", "aerial", "Đường B", "local", x0: 3500, x1: 4500, y: 1500),  // 3 rural local road ...
            // 4 ... shared, but no rule: not a candidate
            l("vinaphone", "aerial", "Đường B", "local", x0: 3500, x1: 4500, y: 1510),
            l("viettel", "aerial", "Phố C", "local", x0: 500, x1: 1500, y: 2000),  // 5 ward street with
            l("vinaphone", "aerial", "Phố C", "local", x0: 500, x1: 1500, y: 2010),  // 6 a second carrier 10 m off
            // 7 and a third 25–35 m off (not in the corridor)
            l("mobifone", "aerial", "Phố C", "local", x0: 500, x1: 1500, y: 2035),
            l("viettel", "aerial", "QL2", "national", x0: 3500, x1: 4500, y: 2500),  // 8 main road,
            l("vinaphone", "aerial", "QL2", "national", x0: 3500, x1: 4500, y: 2530),  // 9 second carrier 30 m off
            l("viettel", "aerial", "Đường D", "local", x0: 3500, x1: 4500, y: 1000),  // 10 rural local, duct 50 m off
            l("vinaphone", "underground", "Đường D", "local", x0: 3500, x1: 4500, y: 1050),  // 11 the duct
            l("viettel", "aerial", "Đường E", "local", x0: 3500, x1: 4500, y: 1200),  // 12 the duct is 150 m off: no
        ]
        let text = """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::6933"}},"features":[\(cables.joined(separator: ",\n"))]}
            """
        try text.write(toFile: f.path("cables.geojson"), atomically: true, encoding: .utf8)
        try f.config(
            coverage: ["{carrier: viettel, technology: 4G, path: cov.tif, values: mask}"], population: "pop.tif",
            extra: "sharing:\n  undergrounding: {path: cables.geojson}\n")
        var text2 = try String(contentsOfFile: f.path("config.yaml"), encoding: .utf8)
        text2 = text2.replacingOccurrences(
            of: "boundaries: {path: communes.geojson}",
            with: "boundaries: {path: communes.geojson, commune_kind: fullName}")
        try text2.write(toFile: f.path("config.yaml"), atomically: true, encoding: .utf8)
        _ = try f.analyze()
        return try UndergroundingTests.readQuotedCSV(f.path("out/underground_candidates.csv"))
    }

    /// Reads a CSV whose fields may be quoted (reasons hold no commas, but names may).
    static func readQuotedCSV(_ path: String) throws -> [[String: String]] {
        try Fixture.readCSV(path)
    }

    @Test func eachPredicateSwitchesOnItsOwn() throws {
        let f = try Fixture()
        let rows = try UndergroundingTests.run(f)
        let byRoad = Dictionary(uniqueKeysWithValues: rows.map { ($0["road_name"]!, $0) })
        // not B (no rule), not E (duct too far)
        #expect(Set(byRoad.keys) == ["QL1", "Phố A", "Phố C", "QL2", "Đường D"], "\(byRoad.keys)")
        #expect(byRoad["QL1"]?["reasons"] == "main_road")
        #expect(byRoad["Phố A"]?["reasons"] == "ward")
        #expect(byRoad["Phố A"]?["commune_kind"] == "ward")
        #expect(byRoad["Phố C"]?["shared_corridor"] == "yes")
        #expect(byRoad["QL2"]?["shared_corridor"] == "no")  // 30 m apart: outside the 20 m corridor
        #expect(byRoad["QL2"]?["segments"] == "2")
        #expect(byRoad["Đường D"]?["reasons"] == "duct_within_50m")
        #expect(abs((Double(byRoad["Đường D"]?["duct_distance_m"] ?? "") ?? 0) - 50) < 0.01)
    }

    @Test func scoreIsLengthTimesCarriersTimesDensity() throws {
        let f = try Fixture()
        let rows = try UndergroundingTests.run(f)
        let byRoad = Dictionary(uniqueKeysWithValues: rows.map { ($0["road_name"]!, $0) })
        // EPSG:6933 (cylindrical equal-area, standard parallel 30°) has x = R λ cos 30°, so a 1,000 m east–west line near
        // 19.9°N is 1000 · cos φ / cos 30° ≈ 1,085 m on the ground (sphere; within 0.1% of the ellipsoid here).
        let y = Fixture.y0 + 500, lat = asin(y * cos(30 * Double.pi / 180) / 6_371_007.2)
        let groundKm = cos(lat) / cos(30 * Double.pi / 180)
        let ql1 = try #require(byRoad["QL1"])
        #expect(abs(Double(ql1["length_km"]!)! - groundKm) / groundKm < 0.01)
        #expect(abs(Double(ql1["population_density"]!)! - 500) < 0.1)
        #expect(abs(Double(ql1["score"]!)! - groundKm * 1 * 500) / (groundKm * 500) < 0.01)
        // Phố C: two segments share a corridor (2 carriers each), the third runs alone (1): (2 + 2 + 1) × length × 500.
        let c = try #require(byRoad["Phố C"])
        #expect(abs(Double(c["score"]!)! - 5 * groundKm * 500) / (5 * groundKm * 500) < 0.01)
        // Ranked by score: Phố C first.
        #expect(rows.first?["road_name"] == "Phố C")
        // Kilometres per commune: the ward lists first, its aerial cable all candidate.
        let km = try Fixture.readCSV(f.path("out/underground_km_by_commune.csv"))
        #expect(km.first?["commune_code"] == "00001")
        #expect(km.first?["candidate_share"] == "1.0000")
    }
}
