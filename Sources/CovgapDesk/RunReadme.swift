import CovgapSupport

/// `README.txt` of a run folder, in Vietnamese and English: what to open first, then every file the run wrote, what
/// it is and its SHA-256, and the inputs it was made from (paths relative to the folder). `manifest.json` lists the
/// same files for programs, this one included.
public enum RunReadme {
    public static let fileName = "README.txt"

    /// The text for a run titled `title`, written by `tool`, in `crs`, holding `outputs`, made from `inputs`
    /// (role, path relative to the run, SHA-256).
    public static func text(
        title: String, tool: String, crs: String, outputs: [OutputFile],
        inputs: [(role: String, path: String, sha256: String?)]
    ) -> String {
        var t = """
            \(title)
            \(String(repeating: "=", count: title.count))

            Viết bởi / written by \(tool).
            Hệ tọa độ / CRS: \(crs).

            Mở coverage.qgs bằng QGIS để xem bản đồ, coverage.xlsx bằng Excel hoặc LibreOffice
            để xem bảng, report.html bằng trình duyệt để đọc báo cáo.
            Open coverage.qgs in QGIS for the map, coverage.xlsx in Excel or LibreOffice for the tables, report.html
            in a browser for the report.

            Các tệp / Files
            ---------------

            """
        for f in outputs.sorted(by: { $0.path < $1.path }) {
            let d = describe(f.path)
            t += "\(f.path) (\(f.bytes) bytes)\n  \(d.vi)\n  \(d.en)\n  SHA-256 \(f.sha256)\n\n"
        }
        t += "Dữ liệu đầu vào / Inputs\n------------------------\n\n"
        for i in inputs { t += "\(i.role): \(i.path)\n  SHA-256 \(i.sha256 ?? "(not readable)")\n" }
        return t
    }

    /// What a file of a run is, in Vietnamese and English.
    public static func describe(_ name: String) -> (vi: String, en: String) {
        if name.hasSuffix(".csvt") {
            let csv = String(name.dropLast())
            return ("Kiểu dữ liệu các cột của \(csv)", "column types of \(csv) (for GDAL and QGIS)")
        }
        if name.hasSuffix(".aux.xml") {
            let raster = String(name.dropLast(8))
            return ("Tên các lớp của \(raster) (GDAL)", "category names of \(raster) (GDAL)")
        }
        for (prefix, tech) in [
            ("coverage_classes_3g", "3G"), ("coverage_classes_4g", "4G"), ("coverage_classes_any", "ANY"),
        ]
        where name.hasPrefix(prefix) {
            return name.hasSuffix(".qml")
                ? ("Kiểu hiển thị QGIS của mức phủ sóng \(tech)", "QGIS style of the \(tech) classes")
                : (
                    "Mức phủ sóng \(tech): mọi / một số / không nhà mạng / không rõ",
                    "\(tech) coverage classes: every / some / no carrier / unknown"
                )
        }
        return known[name] ?? ("", "")
    }

    static let known: [String: (vi: String, en: String)] = [
        "commune_stats.csv": ("Thống kê theo xã và công nghệ", "statistics per commune and technology"),
        "dead_zones.geojson": ("Vùng lõm sóng (không nhà mạng nào)", "dead zones (no carrier)"),
        "partial_notspots.geojson": (
            "Vùng thiếu sóng một số nhà mạng, với giải pháp", "partial not-spots with their remedies"
        ),
        "villages.csv": ("Thôn: trắng sóng, sóng yếu, có sóng", "villages: white, weak, covered"),
        "villages.geojson": ("Thôn (điểm)", "villages (points)"),
        "colocation_clusters.csv": ("Cụm trạm có thể dùng chung", "co-location clusters"),
        "colocation_clusters.geojson": ("Cụm trạm dùng chung (điểm)", "co-location clusters (points)"),
        "shared_sites.csv": ("Trạm dùng chung đề xuất", "proposed shared masts"),
        "shared_sites.geojson": ("Trạm dùng chung đề xuất (điểm)", "proposed shared masts (points)"),
        "underground_candidates.csv": ("Tuyến cáp đề xuất ngầm hóa", "undergrounding corridors"),
        "underground_candidates.geojson": ("Tuyến đề xuất ngầm hóa (đường)", "undergrounding corridors"),
        "underground_km_by_commune.csv": (
            "Cáp treo, cáp ngầm theo xã (km)", "aerial and underground cable per commune"
        ),
        "coverage.gpkg": (
            "GeoPackage: xã, vùng lõm, vùng thiếu sóng, thôn, có kiểu hiển thị",
            "GeoPackage: communes, dead zones, partial not-spots, villages, styled"
        ),
        "coverage.qgs": ("Dự án QGIS của lần chạy", "the run's QGIS project"),
        "coverage.xlsx": (
            "Bảng tính: thống kê, vùng lõm, thôn, giải thích cột", "workbook: statistics, zones, glossary"
        ),
        "coverage_bits.tif": ("Mô hình phủ sóng, bit theo nhà mạng", "coverage model, a bit per carrier"),
        "communes.tif": ("Số hiệu xã trên lưới", "commune numbers on the grid"),
        "report.html": ("Báo cáo", "the report"),
    ]
}
