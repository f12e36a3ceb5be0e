import Foundation
import GDALBridge

/// Reads a submission (CSV with lon/lat columns, or GeoJSON / any OGR layer of points or polygons) without refusing
/// rows: every row comes back, so each can be accepted or rejected with its reasons.
enum SubmissionReader {
    static func read(_ path: String) throws -> [SubmissionRow] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            throw InputError(file: path, problem: "submission not found", hint: "give the province's CSV or GeoJSON file")
        }
        let ds: VectorDataset
        do { ds = try VectorDataset.open(path) } catch {
            throw InputError(file: path, problem: "cannot be read as CSV or GeoJSON (\(error))")
        }
        let layer = try ds.layer(named: nil)
        let names = layer.fields.map { $0.name.lowercased().trimmingCharacters(in: .whitespaces) }
        let missing = SubmissionColumns.required.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw InputError(file: path, problem: "lacks the column(s) \(missing.joined(separator: ", "))",
                             hint: "a submission needs \(SubmissionColumns.required.joined(separator: ", ")) and lon/lat (or point geometries)")
        }
        func index(_ n: String) -> Int? { names.firstIndex(of: n) }
        let toLonLat = try layer.spatialReference.map { try CoordinateTransform(from: $0, to: .wgs84()) }
        var rows: [SubmissionRow] = []
        layer.resetReading()
        while let f = layer.nextFeature() {
            func text(_ n: String) -> String { index(n).flatMap { f.string($0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
            var lon = text("lon"), lat = text("lat")
            if lon.isEmpty, lat.isEmpty, let g = f.geometry, !g.isEmpty, let p = g.pointOnSurface() {
                let ll = toLonLat.flatMap { $0.transform(x: p.x, y: p.y) } ?? p
                lon = String(ll.x); lat = String(ll.y)
            }
            let texts = SubmissionColumns.required + SubmissionColumns.optional
            if texts.contains(where: { text($0).contains("\u{FFFD}") }) {
                // A whole file in another encoding: refuse it rather than reject every row for garbled names.
                throw InputError(file: path, location: "row \(rows.count + 1)", problem: "the text is not valid UTF-8",
                                 hint: "save the submission as UTF-8 (in Excel: CSV UTF-8); legacy TCVN3/VNI/Windows-1258 encodings are not read")
            }
            rows.append(SubmissionRow(row: rows.count + 1, provinceCode: text("province_code"), communeCode: text("commune_code"),
                                      villageName: text("village_name"), technology: text("technology"), reported: text("reported"),
                                      carriersMissing: text("carriers_missing"), note: text("note"), reportedOn: text("reported_on"),
                                      lonText: lon, latText: lat))
        }
        return rows
    }
}
