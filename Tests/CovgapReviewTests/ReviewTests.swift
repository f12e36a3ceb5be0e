import CovgapTestSupport
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
            RowValidator.isoDate("2026-99999999999999999999-30") == nil
                && RowValidator.isoDate("٢٠٢٦-٠٩-٣٠") == nil)
    }

    @Test func everyRowIsAcceptedWithAVerdictOrRejectedWithItsReason() throws {
        let f = try Fixture()
        try ReviewFixture.makeRun(f)
        let white = try ReviewFixture.lonLat(50, 450), partial = try ReviewFixture.lonLat(450, 50),
            both = try ReviewFixture.lonLat(750, 250)
        let rows: [[String]] = [
            ReviewFixture.row("00001", "Bản Trắng", "4G", "white", white),  // 1 confirmed
            ReviewFixture.row("00001", "Bản Một", "4G", "weak", partial),  // 2 partial (a covers, b does not)
            ReviewFixture.row("00002", "Bản Hai", "4G", "white", both),  // 3 model_covered
            ReviewFixture.row("00001", "", "4G", "white", try ReviewFixture.lonLat(150, 250)),  // 4 missing_field
            // 5 unknown_technology
            ReviewFixture.row("00001", "Bản Năm", "5G", "white", try ReviewFixture.lonLat(250, 250)),
            // 6 bad_reported
            ReviewFixture.row("00001", "Bản Sáu", "4G", "maybe", try ReviewFixture.lonLat(350, 250)),
            // 7 other province (and its commune)
            ReviewFixture.row(
                "00003", "Bản Bảy", "4G", "white", try ReviewFixture.lonLat(1250, 250), province: "12"),
            // 8 unknown_commune_code
            ReviewFixture.row("09999", "Bản Tám", "4G", "white", try ReviewFixture.lonLat(250, 150)),
            ReviewFixture.row("00001", "Bản Chín", "4G", "white", ("", "")),  // 9 missing_coordinates
            ReviewFixture.row("00001", "Bản Mười", "4G", "white", ("abc", "21.0")),  // 10 bad_coordinates
            ReviewFixture.row("00002", "Bản Đảo", "4G", "white", (both.1, both.0)),  // 11 swapped_coordinates
            ReviewFixture.row("00001", "Bản Xa", "4G", "white", ("100.0", "15.0")),  // 12 outside_vietnam (Thailand)
            // 13 outside_province
            ReviewFixture.row("00001", "Bản Lạc", "4G", "white", try ReviewFixture.lonLat(1250, 250)),
            // 14 wrong_commune (350 m off)
            ReviewFixture.row("00001", "Bản Lệch", "4G", "white", try ReviewFixture.lonLat(850, 250)),
            // 15 duplicate of 1 (same name)
            ReviewFixture.row("00001", "bản trắng", "4G", "white", try ReviewFixture.lonLat(250, 350)),
            // 16 accepted: 50 m outside 00001
            ReviewFixture.row("00001", "Bản Ven", "4G", "weak", try ReviewFixture.lonLat(550, 250)),
            // 17 duplicate of 3 (14 m apart)
            ReviewFixture.row("00002", "Bản Sát", "4G", "white", try ReviewFixture.lonLat(760, 260)),
            // 18 no 3G coverage in the run
            ReviewFixture.row("00001", "Bản Ba Gê", "3G", "white", try ReviewFixture.lonLat(150, 150)),
            [
                "11", "00001", "Bản Ngày", "4G", "white", "", "", "quý 3", try ReviewFixture.lonLat(150, 350).0,
                try ReviewFixture.lonLat(150, 350).1,
            ],  // 19 bad_date
        ]
        var s = ReviewSettings()
        s.minPopulation = 0
        let summary = try ReviewRun(
            runPath: f.path("out"), submissionPath: try ReviewFixture.submission(f, rows), outputPath: nil,
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
        // Numbers are JSON numbers and codes are strings, as the CSV's .csvt says.
        let one = try #require(props.first { ($0["row"] as? Int) == 1 })
        #expect(one["nearest_dead_zone_km"] as? Double == 0 && !(one["nearest_dead_zone_km"] is String))
        #expect(one["commune_code"] as? String == "00001" && one["nearest_dead_zone_id"] as? String == "DZ-4G-00001-1")
        #expect(
            try String(contentsOfFile: f.path("out/review_11/reconciled.csvt"), encoding: .utf8).hasPrefix(
                "Integer,String,String,String,String,String,String,String,String,String,String,Real,String,Real,"))
    }

    @Test func listsWhatTheProvinceDidNotReportAndIsDeterministic() throws {
        let f = try Fixture()
        try ReviewFixture.makeRun(f)
        // 650 m from the dead zone: beyond the 500 m match distance.
        let path = try ReviewFixture.submission(
            f, [ReviewFixture.row("00002", "Bản Hai", "4G", "white", try ReviewFixture.lonLat(950, 50))])
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
        try ReviewFixture.makeRun(f)
        let p = try ReviewFixture.lonLat(50, 450)
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
        try ReviewFixture.makeRun(f)
        let path = try ReviewFixture.submission(
            f, [ReviewFixture.row("00001", "Bản", "4G", "white", try ReviewFixture.lonLat(50, 450), province: "19")])
        #expect(throws: InputError.self) {
            try ReviewRun(
                runPath: f.path("out"), submissionPath: path, outputPath: nil, settings: ReviewSettings(),
                logger: .init(label: "test")
            ).run()
        }
        #expect(!FileManager.default.fileExists(atPath: f.path("out/review_19")))
    }
}
