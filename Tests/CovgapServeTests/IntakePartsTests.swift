import CovgapTestSupport
@testable import CovgapServe
import CovgapSupport
import Foundation
import Testing

/// The service's small parsers and rules, on hand-made inputs.
@Suite struct IntakePartsTests {
    @Test func csvRecordsFollowRFC4180() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, y\",3\n\n\"he said \"\"hi\"\"\",\"two\nlines\",\n"
        let r = try CSVRecords.parse(text)
        #expect(r.map(\.fields) == [["a", "b", "c"], ["1", "x, y", "3"], ["he said \"hi\"", "two\nlines", ""]])
        #expect(r.map(\.line) == [1, 2, 4])
        #expect(throws: CSVRecords.UnclosedQuote.self) { try CSVRecords.parse("a,b\n1,\"open\n2,3\n") }
    }

    @Test func multipartFormDataParts() throws {
        let body =
            "--XyZ\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nabc\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rà soát.csv\"\r\nContent-Type: text/csv\r\n\r\nh1,h2\r\n1,2\r\n\r\n--XyZ--\r\n"
        #expect(Multipart.boundary(contentType: "multipart/form-data; boundary=XyZ") == "XyZ")
        #expect(Multipart.boundary(contentType: "text/csv") == nil)
        let parts = try #require(Multipart.parts(Data(body.utf8), boundary: "XyZ"))
        #expect(parts.map(\.name) == ["token", "file"])
        #expect(parts[0].body == Data("abc".utf8))
        #expect(parts[1].filename == "rà soát.csv" && parts[1].contentType == "text/csv")
        #expect(parts[1].body == Data("h1,h2\r\n1,2\r\n".utf8), "the file's own trailing line break is kept")
        #expect(Multipart.parts(Data("no boundary here".utf8), boundary: "XyZ") == nil)
    }

    @Test func uploadFormatAndFilenames() {
        #expect(UploadCheck.format(of: Data("  {\"type\":1}".utf8), mediaType: nil) == .geojson)
        #expect(UploadCheck.format(of: Data("{".utf8), mediaType: "text/csv") == .csv)
        #expect(UploadCheck.format(of: Data("a,b".utf8), mediaType: "application/octet-stream") == .csv)
        #expect(IntakeService.safeFilename("../../etc/passwd") == "passwd")
        #expect(IntakeService.safeFilename("C:\\lists\\Điện Biên q3.csv") == "ĐiệnBiênq3.csv")
        #expect(IntakeService.safeFilename("...") == "submission...")
        #expect(
            IntakeService.provinceCode("11") == "11" && IntakeService.provinceCode("1") == nil
                && IntakeService.provinceCode("١١") == nil)
    }

    @Test func statusChangesAreChecked() throws {
        func change(_ s: String, date: String? = nil, reason: String? = nil, m: [String: Double]? = nil) -> StatusChange
        {
            StatusChange(status: s, date: date, measurement: m, reason: reason)
        }
        try change("in_progress").validate(today: "2026-11-29", runDay: "2026-11-01")
        try change("on_air", date: "2026-11-29", m: ["rsrp_dbm": -95]).validate(
            today: "2026-11-29", runDay: "2026-11-01")
        try change("on_air", date: "2026-11-01").validate(today: "2026-11-29", runDay: "2026-11-01")
        try change("disputed", reason: "không có điện lưới").validate(today: "2026-11-29", runDay: "2026-11-01")
        // One character: a letter and 2,999 combining marks, 5,999 bytes.
        let marks = "a" + String(repeating: "\u{0301}", count: 2999)
        for bad in [
            change("on_air"), change("on_air", date: "2026-11-30"), change("on_air", date: "2026-02-29"),
            change("disputed", reason: "  "),
            change("open"), change("in_progress", date: "2026-11-01"), change("in_progress", m: ["rsrp_dbm": -90]),
            change("on_air", date: "2026-10-31"), change("on_air", date: "0001-01-01"),
            change("disputed", reason: marks),
            change("on_air", date: "2026-11-29", m: [String(repeating: "k", count: 41): 1]),
            change("on_air", date: "2026-11-29", m: ["RSRP dBm": 1]),
            change("on_air", date: "2026-11-29", m: ["": 1]),
        ] {
            #expect(throws: IntakeError.self, "\(bad)") { try bad.validate(today: "2026-11-29", runDay: "2026-11-01") }
        }
        #expect(marks.count == 1 && marks.utf8.count == 5999)
        #expect(
            StatusChange.isDay("2028-02-29") && !StatusChange.isDay("2027-02-29") && !StatusChange.isDay("2026-1-05"))
    }

    @Test func principalsReachOnlyTheirOwn() {
        let p = Principal(tokenId: "a", role: .province, scope: "11")
        let c = Principal(tokenId: "b", role: .carrier, scope: "viettel")
        let a = Principal(tokenId: "c", role: .analyst, scope: "")
        #expect(p.readsProvince("11") && !p.readsProvince("12") && p.submitsFor("11") && !p.readsCarrier("viettel"))
        #expect(
            c.readsCarrier("viettel") && !c.readsCarrier("mobifone") && c.reportsFor("viettel")
                && !c.readsProvince("11"))
        #expect(a.readsProvince("12") && a.readsCarrier("mobifone") && !a.submitsFor("11") && !a.reportsFor("viettel"))
    }
}
