import Foundation
import Testing

@testable import CovgapSupport

/// The `.csvt` beside every CSV: codes and ids stay text, numbers are typed by every value of their column.
@Suite struct CSVTypesTests {
    static func types(_ header: [String], _ rows: [[String]]) throws -> String {
        var csv = CSVWriter()
        csv.row(header)
        for r in rows { csv.row(r) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csvt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try csv.write(to: dir.appendingPathComponent("t.csv").path)
        return try String(contentsOf: dir.appendingPathComponent("t.csvt"), encoding: .utf8)
    }

    @Test func codesAreTextAndNumbersAreTypedByEveryValue() throws {
        let header = [
            "province_code", "commune_code", "work_order_id", "id", "population", "area_km2", "pct", "name", "big",
            "leading", "blank", "level_dbm",
        ]
        let rows = [
            ["11", "03127", "WO-1", "7", "50432", "0.100", "1", "Bản Mường", "3000000000", "0012", "", "-105"],
            ["12", "3151", "WO-2", "8", "", "56.9200", "2.5", "=cmd", "1", "12", "", "-98.5"],
        ]
        #expect(
            try CSVTypesTests.types(header, rows)
                == "String,String,String,String,Integer,Real,Real,String,Integer64,String,String,Real\n")
    }
}
