@testable import CovgapReview
@testable import CovgapSupport
import Foundation
import GDALBridge
import Testing

/// A run over three communes of 500 m × 500 m (EPSG:6933, 100 m cells): 00001 and 00002 in province 11, 00003 in
/// province 12. Carrier a covers every cell but a 3 × 2 block in the top-left corner of 00001 (a 0.06 km² dead zone);
/// carrier b covers only 00002. So: the block is white, the rest of 00001 partial (a only), 00002 covered by both.
@Suite struct ReviewTests {
    @Test func readsDatesAsProvincesWriteThem() {
        #expect(
            RowValidator.isoDate("2026-09-30") == "2026-09-30" && RowValidator.isoDate("30/09/2026") == "2026-09-30")
        #expect(RowValidator.isoDate("29/02/2028") == "2028-02-29")
        #expect(
            RowValidator.isoDate("31/09/2026") == nil && RowValidator.isoDate("29/02/2026") == nil
                && RowValidator.isoDate("quý 3") == nil)
        // Found by fuzzing (crashed: integer overflow behind a force-unwrap), and non-ASCII digits.
        #expect(
            RowValidator.isoDate("2026-99999999999999999999-30") == nil && RowValidator.isoDate("٢٠٢٦-٠٩-٣٠") == nil)
    }

    static func makeRun(_ f: Fixture) throws {
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
    static func lonLat(_ x: Double, _ y: Double) throws -> (String, String) {
        let t = try CoordinateTransform(from: try SpatialReference(userInput: Fixture.crs), to: .wgs84())
        let p = t.transform(x: Fixture.x0 + x, y: Fixture.y0 + y)!
        return (String(format: "%.7f", p.x), String(format: "%.7f", p.y))
    }

    static func submission(_ f: Fixture, _ rows: [[String]]) throws -> String {
        var text =
            "province_code,commune_code,village_name,technology,reported,carriers_missing,note,reported_on,lon,lat\n"
        for r in rows { text += r.joined(separator: ",") + "\n" }
        try text.write(toFile: f.path("submission.csv"), atomically: true, encoding: .utf8)
        return f.path("submission.csv")
    }

    static func row(
        _ commune: String, _ name: String, _ tech: String, _ reported: String, _ p: (String, String),
        province: String = "11"
    ) -> [String] {
        [province, commune, name, tech, reported, "", "", "2026-09-30", p.0, p.1]
    }

    @Test func everyRowIsAcceptedWithAVerdictOrRejectedWithItsReason() throws {
        let f = try Fixture()
        try ReviewTests.makeRun(f)
        let white = try ReviewTests.lonLat(50, 450), partial = try ReviewTests.lonLat(450, 50),
            both = try ReviewTests.lonLat(750, 250)
        let rows: [[String]] = [
            ReviewTests.row("00001", "Bản Trắng", "4G", "white", white),  // 1 confirmed
            ReviewTests.row("00001", "Bản Một", "4G", "weak", partial),  // 2 partial (a covers, b does not)
            ReviewTests.row("00002", "Bản Hai", "4G", "white", both),  // 3 model_covered
            ReviewTests.row("00001", "", "4G", "white", try ReviewTests.lonLat(150, 250)),  // 4 missing_field
            // 5 unknown_technology
            ReviewTests.row("00001", "Bản Năm", "5G", "white", try ReviewTests.lonLat(250, 250)),
            ReviewTests.row("00001", "Bản Sáu", "4G", "maybe", try ReviewTests.lonLat(350, 250)),  // 6 bad_reported
            // 7 other province (and its commune)
            ReviewTests.row("00003", "Bản Bảy", "4G", "white", try ReviewTests.lonLat(1250, 250), province: "12"),
            // 8 unknown_commune_code
            ReviewTests.row("09999", "Bản Tám", "4G", "white", try ReviewTests.lonLat(250, 150)),
            ReviewTests.row("00001", "Bản Chín", "4G", "white", ("", "")),  // 9 missing_coordinates
            ReviewTests.row("00001", "Bản Mười", "4G", "white", ("abc", "21.0")),  // 10 bad_coordinates
            ReviewTests.row("00002", "Bản Đảo", "4G", "white", (both.1, both.0)),  // 11 swapped_coordinates
            ReviewTests.row("00001", "Bản Xa", "4G", "white", ("100.0", "15.0")),  // 12 outside_vietnam (Thailand)
            // 13 outside_province
            ReviewTests.row("00001", "Bản Lạc", "4G", "white", try ReviewTests.lonLat(1250, 250)),
            // 14 wrong_commune (350 m off)
            ReviewTests.row("00001", "Bản Lệch", "4G", "white", try ReviewTests.lonLat(850, 250)),
            // 15 duplicate of 1 (same name)
            ReviewTests.row("00001", "bản trắng", "4G", "white", try ReviewTests.lonLat(250, 350)),
            // 16 accepted: 50 m outside 00001
            ReviewTests.row("00001", "Bản Ven", "4G", "weak", try ReviewTests.lonLat(550, 250)),
            // 17 duplicate of 3 (14 m apart)
            ReviewTests.row("00002", "Bản Sát", "4G", "white", try ReviewTests.lonLat(760, 260)),
            // 18 no 3G coverage in the run
            ReviewTests.row("00001", "Bản Ba Gê", "3G", "white", try ReviewTests.lonLat(150, 150)),
            [
                "11", "00001", "Bản Ngày", "4G", "white", "", "", "quý 3", try ReviewTests.lonLat(150, 350).0,
                try ReviewTests.lonLat(150, 350).1,
            ],  // 19 bad_date
        ]
        var s = ReviewSettings()
        s.minPopulation = 0
        let summary = try ReviewRun(
            runPath: f.path("out"), submissionPath: try ReviewTests.submission(f, rows), outputPath: nil,
            settings: s, logger: .init(label: "test")
        ).run()
        #expect(summary.rowsRead == 19 && summary.accepted == 4 && summary.rejected == 15)
        #expect(summary.accepted + summary.rejected == summary.rowsRead)
        let rejected = try Fixture.readCSV(f.path("out/review_11/rejected.csv"))
        let codes = Dictionary(uniqueKeysWithValues: rejected.map { (Int($0["row"]!)!, $0["reason_codes"]!) })
        #expect(
            codes == [
                4: "missing_field", 5: "unknown_technology", 6: "bad_reported",
                7: "other_province;unknown_commune_code", 8: "unknown_commune_code",
                9: "missing_coordinates", 10: "bad_coordinates", 11: "swapped_coordinates", 12: "outside_vietnam",
                13: "outside_province", 14: "wrong_commune", 15: "duplicate", 17: "duplicate",
                18: "no_coverage_for_technology",
                19: "bad_date",
            ])
        let reconciled = try Fixture.readCSV(f.path("out/review_11/reconciled.csv"))
        let verdicts = Dictionary(uniqueKeysWithValues: reconciled.map { (Int($0["row"]!)!, $0["verdict"]!) })
        #expect(verdicts == [1: "confirmed", 2: "partial", 3: "model_covered", 16: "model_covered"])
        let first = try #require(reconciled.first { $0["row"] == "1" })
        #expect(
            first["model_class"] == "white" && first["carriers_not_covering"] == "a;b"
                && first["nearest_dead_zone_id"] == "DZ-4G-00001-1")
        #expect(first["nearest_dead_zone_km"] == "0.000")
        #expect(reconciled.first { $0["row"] == "2" }?["carriers_covering"] == "a")
        #expect(reconciled.first { $0["row"] == "16" }?["located_commune_code"] == "00002")
        // The only dead zone is reported (row 1 lies in it): nothing unreported.
        #expect(try Fixture.readCSV(f.path("out/review_11/unreported.csv")).isEmpty)
        let props = try Fixture.readGeoJSONProperties(f.path("out/review_11/reconciled.geojson"))
        #expect(props.count == 4)
    }

    @Test func listsWhatTheProvinceDidNotReportAndIsDeterministic() throws {
        let f = try Fixture()
        try ReviewTests.makeRun(f)
        // 650 m from the dead zone: beyond the 500 m match distance.
        let path = try ReviewTests.submission(
            f, [ReviewTests.row("00002", "Bản Hai", "4G", "white", try ReviewTests.lonLat(950, 50))])
        var s = ReviewSettings()
        s.minPopulation = 0
        let run = {
            try ReviewRun(
                runPath: f.path("out"), submissionPath: path, outputPath: f.path($0), settings: s,
                logger: .init(label: "test")
            ).run()
        }
        _ = try run("review_a")
        _ = try run("review_b")
        let unreported = try Fixture.readCSV(f.path("review_a/unreported.csv"))
        #expect(unreported.map { $0["id"]! } == ["DZ-4G-00001-1"])
        #expect(unreported.first?["area_km2"] == "0.0600")
        for file in ["rejected.csv", "reconciled.csv", "reconciled.geojson", "unreported.csv", "summary.json"] {
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: f.path("review_a/\(file)")))
                    == Data(contentsOf: URL(fileURLWithPath: f.path("review_b/\(file)"))),
                "\(file)")
        }
    }

    @Test func refusesASubmissionInALegacyEncoding() throws {
        let f = try Fixture()
        try ReviewTests.makeRun(f)
        let p = try ReviewTests.lonLat(50, 450)
        var bytes = Array("province_code,commune_code,village_name,technology,reported,lon,lat\n11,00001,B".utf8)
        bytes += [0xB8, 0xA3, 0x6E] + Array(" N\u{00E0},4G,white,\(p.0),\(p.1)\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: f.path("legacy.csv")))
        #expect(throws: InputError.self) {
            try ReviewRun(
                runPath: f.path("out"), submissionPath: f.path("legacy.csv"), outputPath: nil,
                settings: ReviewSettings(),
                logger: .init(label: "test")
            ).run()
        }
        #expect(!FileManager.default.fileExists(atPath: f.path("out/review_11")))
    }

    @Test func refusesAProvinceTheRunDoesNotCover() throws {
        let f = try Fixture()
        try ReviewTests.makeRun(f)
        let path = try ReviewTests.submission(
            f, [ReviewTests.row("00001", "Bản", "4G", "white", try ReviewTests.lonLat(50, 450), province: "19")])
        #expect(throws: InputError.self) {
            try ReviewRun(
                runPath: f.path("out"), submissionPath: path, outputPath: nil, settings: ReviewSettings(),
                logger: .init(label: "test")
            ).run()
        }
        #expect(!FileManager.default.fileExists(atPath: f.path("out/review_19")))
    }
}
