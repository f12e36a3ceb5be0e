import CovgapTestSupport
@testable import CovgapReport
import CovgapSupport
import Foundation
import GDALBridge
import Testing

@Suite struct ReportTests {
    @Test func englishReportOnASmallRun() throws {
        let f = try Fixture()
        try f.communes([("00001", (0, 0, 300, 300))])
        try f.raster("a.tif", columns: 3, rows: 3, values: [UInt8(0), 1, 1, 1, 1, 1, 1, 1, 1])
        try f.config(coverage: ["{carrier: a, technology: 4G, path: a.tif, values: mask}"])
        let r = try CovgapCLI.run(["analyze", f.path("config.yaml"), "--lang", "en", "--quiet"])
        #expect(r.code == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: f.path("out/report.html"), encoding: .utf8)
        #expect(
            html.contains("<html lang=\"en\">") && html.contains("Coverage gap report")
                && html.contains("Largest dead zones"))
        #expect(!html.contains("coverage is simulated"), "real (non-simulated) inputs carry no synthetic warning")
        #expect(try CovgapCLI.run(["analyze", f.path("config.yaml"), "--lang", "fr"]).code != 0)
    }

    @Test func datesTheReportWithItsQuarter() {
        let day = CalendarDay(year: 2026, month: 12, day: 4)!
        #expect(ReportLanguage.vi.dated(day) == "Lập ngày 04/12/2026 · quý IV/2026")
        #expect(ReportLanguage.en.dated(day) == "Made on 2026-12-04 · Q4 2026")
        // 2026-07-01T00:00:00+07:00 is 2026-06-30T17:00:00Z: Vietnam's day, the third quarter.
        let july = CalendarDay.runDate(environment: ["SOURCE_DATE_EPOCH": "1782838800"])
        #expect(july.description == "2026-07-01" && july.quarter == 3)
    }

    @Test func numbersFollowTheLanguage() {
        #expect(
            ReportLanguage.vi.number(1671.6, decimals: 2) == "1.671,60"
                && ReportLanguage.en.number(1671.6, decimals: 2) == "1,671.60")
        #expect(ReportLanguage.vi.number(55112) == "55.112" && ReportLanguage.en.number(0.05, decimals: 1) == "0.1")
    }
}
