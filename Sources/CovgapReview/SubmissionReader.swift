import CovgapSupport
import Foundation
import GDALBridge

/// Reads a submission (CSV with lon/lat columns, or GeoJSON / any OGR layer of points or polygons) without refusing
/// rows: every row comes back, so each can be accepted or rejected with its reasons.
enum SubmissionReader {
    /// Bounds on one submission: a province has a few thousand villages (63,619 in the whole country).
    static let maxBytes = 64 << 20, maxRows = 100_000, maxVertices = 1_000_000

    static func read(_ path: String) throws -> [SubmissionRow] {
        let ds = try SubmissionReader.open(path)
        let layer = try ds.layer(named: nil)
        let names = layer.fields.map { $0.name.lowercased().trimmingCharacters(in: .whitespaces) }
        let missing = SubmissionColumns.required.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw InputError(
                file: path, problem: "lacks the column(s) \(missing.joined(separator: ", "))",
                hint:
                    "a submission needs \(SubmissionColumns.required.joined(separator: ", ")) "
                    + "and lon/lat (or point geometries)",
                vi: "tệp thiếu cột \(missing.joined(separator: ", ")); danh sách cần các cột "
                    + "\(SubmissionColumns.required.joined(separator: ", ")) và lon, lat (hoặc hình điểm)"
            )
        }
        func index(_ n: String) -> Int? { names.firstIndex(of: n) }
        let toLonLat = try layer.spatialReference.map { try CoordinateTransform(from: $0, to: .wgs84()) }
        var rows: [SubmissionRow] = []
        layer.resetReading()
        var vertices = 0
        while let f = try nextFeature(layer, path: path, row: rows.count + 1) {
            guard rows.count < maxRows else {
                throw InputError(
                    file: path, problem: "holds more than \(maxRows) rows",
                    hint: "split the submission by commune or send only the reviewed villages",
                    vi: "tệp có hơn \(maxRows) dòng; tách theo xã hoặc chỉ gửi các thôn đã rà soát")
            }
            vertices += f.geometry?.vertexCount ?? 0
            guard vertices <= maxVertices else {
                throw InputError(
                    file: path, location: "row \(rows.count + 1)",
                    problem: "the geometries hold more than \(maxVertices) vertices",
                    hint: "send villages as points (or lon/lat columns), not detailed polygons",
                    vi: "đến dòng \(rows.count + 1), các hình có hơn \(maxVertices) đỉnh;"
                        + " gửi thôn dạng điểm (hoặc cột"
                        + " lon, lat), không gửi đa giác chi tiết")
            }
            func text(_ n: String) -> String {
                index(n).flatMap { f.string($0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            }
            var lon = text("lon")
            var lat = text("lat")
            if lon.isEmpty, lat.isEmpty, let g = f.geometry, !g.isEmpty, let p = g.pointOnSurface() {
                let ll = toLonLat.flatMap { $0.transform(x: p.x, y: p.y) } ?? p
                lon = String(ll.x)
                lat = String(ll.y)
            }
            let texts = SubmissionColumns.required + SubmissionColumns.optional
            if texts.contains(where: { text($0).contains("\u{FFFD}") }) {
                // A whole file in another encoding: refuse it rather than reject every row for garbled names.
                throw InputError(
                    file: path, location: "row \(rows.count + 1)", problem: "the text is not valid UTF-8",
                    hint:
                        "save the submission as UTF-8 (in Excel: CSV UTF-8); "
                        + "legacy TCVN3/VNI/Windows-1258 encodings are not read",
                    vi: "dòng \(rows.count + 1) có chữ không phải UTF-8;"
                        + " lưu lại dạng UTF-8 (trong Excel: CSV UTF-8),"
                        + " phông TCVN3/VNI/Windows-1258 không đọc được"
                )
            }
            rows.append(
                SubmissionRow(
                    row: rows.count + 1, provinceCode: text("province_code"), communeCode: text("commune_code"),
                    villageName: text("village_name"), technology: text("technology"), reported: text("reported"),
                    carriersMissing: text("carriers_missing"), note: text("note"), reportedOn: text("reported_on"),
                    lonText: lon, latText: lat))
        }
        return rows
    }

    /// The layer's next feature; a read that stops on an error is refused, naming the row, rather than taken for the
    /// end.
    private static func nextFeature(_ layer: VectorLayer, path: String, row: Int) throws -> Feature? {
        do { return try layer.nextFeatureOrFailure() } catch let e as GDALError {
            throw InputError(
                file: path, location: "row \(row)",
                problem: "cannot be read (\(e.message.replacingOccurrences(of: path, with: "the file")))",
                hint:
                    "a field longer than GDAL reads (10 MB) or a damaged file; "
                    + "send one row per village with short fields",
                vi: "không đọc được dòng \(row): một trường quá dài (trên 10 MB)"
                    + " hoặc tệp bị hỏng; mỗi dòng một thôn, các trường ngắn gọn"
            )
        }
    }

    /// Opens the file through the one door for outside files: a regular file of bounded size, read as CSV or GeoJSON
    /// by that driver alone (chosen by its extension, else by its first character).
    static func open(_ path: String) throws -> VectorDataset {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes else {
            throw InputError(
                file: path, problem: "submission not found", hint: "give the province's CSV or GeoJSON file")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw InputError(
                file: path, problem: "is not a regular file", hint: "give the province's CSV or GeoJSON file itself")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxBytes else {
            throw InputError(
                file: path, problem: "is \(size >> 20) MiB, over the \(maxBytes >> 20) MiB a submission may be",
                hint: "split the submission by commune")
        }
        let format = try format(of: path)
        do { return try UntrustedVector.open(path, as: format) } catch {
            throw InputError(
                file: path, problem: "cannot be read as \(format == .csv ? "CSV" : "GeoJSON") (\(error))",
                hint: "a submission is a CSV file (.csv) or a GeoJSON FeatureCollection (.geojson, .json)",
                vi: "không đọc được tệp dạng \(format == .csv ? "CSV" : "GeoJSON");"
                    + " danh sách là tệp CSV hoặc"
                    + " GeoJSON FeatureCollection")
        }
    }

    /// CSV or GeoJSON, by the file's extension; a file with another extension by its first non-blank character.
    static func format(of path: String) throws -> UntrustedVector.Format {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv": return .csv
        case "geojson", "json": return .geojson
        default:
            let head =
                FileHandle(forReadingAtPath: path).map { h in
                    defer { try? h.close() }
                    return h.readData(ofLength: 4096)
                } ?? Data()
            let first = head.drop { [0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf].contains($0) }.first
            guard first == UInt8(ascii: "{") else {
                throw InputError(
                    file: path, problem: "is neither a .csv nor a .geojson file",
                    hint: "save the submission as CSV (.csv) or GeoJSON (.geojson)")
            }
            return .geojson
        }
    }
}
