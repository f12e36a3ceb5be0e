import CovgapTestSupport
import Foundation
import Testing

/// `covgap inspect` as a user runs it: a good config is reported runnable, and every problem is found before a run,
/// with nothing written.
@Suite struct InspectTests {
    @Test func reportsAGoodConfigAsRunnable() throws {
        let f = try Fixture()
        try Baseline.make(f)
        let r = try CovgapCLI.run(["inspect", f.path("config.yaml")])
        #expect(r.code == 0, "\(r.stdout)\(r.stderr)")
        #expect(
            r.stdout.contains("no problems found") && r.stdout.contains("grid: 203 × 203 = 41209 cells")
                && r.stdout.contains("coverage read in 41209 cells (within 10.0 km of them)")
                && r.stdout.contains("type Int16"))
        #expect(!FileManager.default.fileExists(atPath: f.path("out")))
    }

    @Test func catchesAWrongUnitRasterAndEveryOtherProblemBeforeARun() throws {
        let f = try Fixture()
        try Baseline.make(f, config: false)
        try f.raster("mw.tif", columns: 3, rows: 3, values: [Float](repeating: 0.002, count: 9))
        try f.config(coverage: [
            "{carrier: a, technology: 4G, path: mw.tif, values: rsrp_dbm}",
            "{carrier: b, technology: 4G, path: missing.tif, values: rsrp_dbm}",
        ])
        let r = try CovgapCLI.run(["inspect", f.path("config.yaml"), "--json"])
        #expect(r.code == 2)
        let report = try JSONDecoder().decode(InspectionReportProbe.self, from: Data(r.stdout.utf8))
        #expect(report.errors.count == 2, "\(report.errors)")
        #expect(report.errors.contains { $0.contains("mw.tif") && $0.contains("below −15") })
        #expect(report.errors.contains { $0.contains("missing.tif") && $0.contains("not found") })
        #expect(!FileManager.default.fileExists(atPath: f.path("out")), "inspect writes nothing")
    }

    /// The fields of the JSON report these tests read.
    struct InspectionReportProbe: Decodable {
        let errors: [String]
        let warnings: [String]
    }
}
