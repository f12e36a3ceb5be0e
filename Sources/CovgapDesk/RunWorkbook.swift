import Foundation

/// The workbook of a run folder (`coverage.xlsx`): the statistics per technology, the dead zones, the villages and
/// the sharing tables the run wrote, then the glossary.
public enum RunWorkbook {
    public static let fileName = "coverage.xlsx"

    /// The sheets for the run in `folder`, for `technologies` (["3G", "4G", "ANY"], those with layers).
    public static func sheets(folder: String, technologies: [String]) -> [Workbook.Sheet] {
        let exists = { (name: String) in FileManager.default.fileExists(atPath: folder + "/" + name) }
        var sheets = technologies.map { t in
            Workbook.Sheet(
                name: t == "ANY" ? "Thống kê chung (ANY)" : "Thống kê \(t)",
                source: folder + "/commune_stats.csv",
                filter: "technology = '\(t)'")
        }
        let tables: [(String, String)] = [
            ("dead_zones.geojson", "Vùng lõm sóng"), ("villages.csv", "Thôn"),
            ("shared_sites.csv", "Trạm dùng chung đề xuất"),
            ("colocation_clusters.csv", "Cụm trạm dùng chung"),
            ("underground_candidates.csv", "Tuyến đề xuất ngầm hóa"),
        ]
        for (file, name) in tables where exists(file) {
            sheets.append(Workbook.Sheet(name: name, source: folder + "/" + file))
        }
        return sheets
    }
}
