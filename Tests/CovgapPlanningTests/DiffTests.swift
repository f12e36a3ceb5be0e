import CovgapTestSupport
@testable import CovgapAnalyze
@testable import CovgapModel
@testable import CovgapPlanning
import Foundation
import Testing

/// `covgap workorders` and `covgap diff` on two hand-built quarters of one 6 × 1 km commune and one carrier.
/// Quarter A leaves columns 0–9, 20–29 and 40–49 uncovered (three 1 km² dead zones); quarter B covers 0–9 (closed),
/// leaves only 20–24 (shrunk to 0.5 km²), keeps 40–49 (unchanged) and loses 55–59 (a new 0.5 km² zone).
@Suite struct DiffTests {
    static func quarter(_ f: Fixture, _ name: String, uncovered: (Int) -> Bool, threads: Int = 2) throws -> String {
        let values = (0..<600).map { i -> UInt8 in uncovered(i % 60) ? 0 : 1 }
        try f.raster("\(name).tif", columns: 60, rows: 10, values: values)
        try f.config(
            "\(name).yaml", coverage: ["{carrier: a, technology: 4G, path: \(name).tif, values: mask}"],
            extra: "workorders: {min_people: 50, min_area_km2: 1, deadline: \"2026-12-31\"}\n")
        try Baseline.editConfig(f, file: "\(name).yaml") {
            $0.replacingOccurrences(of: "output: out", with: "output: \(name)")
        }
        let cfg = try ConfigLoader.load(path: f.path("\(name).yaml"))
        _ = try AnalysisRun(config: cfg, threads: threads, logger: .init(label: "test")).run()
        _ = try WorkOrderRun(runPath: f.path(name), logger: .init(label: "test")).run()
        return f.path(name)
    }

    @Test func zonesAndOrdersAreMatchedAcrossQuarters() throws {
        let f = try Fixture()
        try f.communes([("00001", (0, 0, 6000, 1000))])
        let a = try DiffTests.quarter(f, "qa") {
            (0..<10).contains($0) || (20..<30).contains($0) || (40..<50).contains($0)
        }
        let b = try DiffTests.quarter(f, "qb") {
            (20..<25).contains($0) || (40..<50).contains($0) || (55..<60).contains($0)
        }
        let summary = try RunDiff(pathA: a, pathB: b, logger: .init(label: "test")).run()
        #expect(summary.zones["4G"] == ["closed": 1, "shrunk": 1, "unchanged": 1, "new": 1])
        // Orders: A has the three 1 km² zones; B only the unchanged one, at the same place, so the same id.
        #expect(summary.workOrders == ["closed": 2, "open": 1])
        let rows = try Fixture.readCSV(b + "/diff/diff.csv")
        let row = try #require(rows.first { $0["technology"] == "4G" })
        #expect(row["covered_km2_change"] == "1.0000")  // +1 (closed) +0.5 (shrunk) −0.5 (new)
        #expect(row["dead_zones_closed"] == "1" && row["dead_zones_new"] == "1")
        let zones = try Fixture.readGeoJSONProperties(b + "/diff/diff.geojson").filter {
            $0["technology"] as? String == "4G"
        }
        #expect(zones.map { $0["status"] as! String }.sorted() == ["closed", "new", "shrunk", "unchanged"])
        // Every order of A is a dead zone of ≥ 1 km² in carrier a's GeoJSON, with a deadline and status open.
        let orders = try Fixture.readGeoJSONProperties(a + "/workorders/a.geojson")
        #expect(
            orders.count == 3
                && orders.allSatisfy { $0["status"] as? String == "open" && $0["deadline"] as? String == "2026-12-31" })
    }

    @Test func idsAreStableAcrossRunsAndThreadCounts() throws {
        let f = try Fixture()
        try f.communes([("00001", (0, 0, 6000, 1000))])
        let uncovered: (Int) -> Bool = { (0..<10).contains($0) || (40..<50).contains($0) }
        let one = try DiffTests.quarter(f, "t1", uncovered: uncovered, threads: 1)
        let two = try DiffTests.quarter(f, "t2", uncovered: uncovered, threads: 2)
        let first = try Data(contentsOf: URL(fileURLWithPath: one + "/workorders/workorders.csv"))
        #expect(first == (try Data(contentsOf: URL(fileURLWithPath: two + "/workorders/workorders.csv"))))
        _ = try WorkOrderRun(runPath: one, logger: .init(label: "test")).run()
        #expect(
            first == (try Data(contentsOf: URL(fileURLWithPath: one + "/workorders/workorders.csv"))),
            "a rerun gives the same ids")
        let ids = try Fixture.readCSV(one + "/workorders/workorders.csv").map { $0["work_order_id"]! }
        #expect(ids.count == 2 && ids.allSatisfy { $0.hasPrefix("WO-4G-00001-Z") })
    }
}
