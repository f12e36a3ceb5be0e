import CovgapSupport
import Foundation

/// The first look at an uploaded review, before GDAL reads it: which format it is, and whether it is well-formed
/// (UTF-8 text; CSV rows with as many fields as the header; GeoJSON that parses as a FeatureCollection of Features).
/// Malformed bodies are refused with the row (or feature) of each fault.
enum UploadCheck {
    /// The formats a review is accepted in.
    enum Format: String, Sendable { case csv, geojson }

    /// At most this many row-level reasons are listed.
    static let maxReasons = 50
    /// Longest CSV field accepted, bytes: a village row is a few hundred bytes, and GDAL's CSV reader stops without a
    /// word at lines past 10 MB, which would make a row vanish.
    static let maxFieldBytes = 100_000

    /// The format of `body`: from its media type when it names one, else from its first character.
    static func format(of body: Data, mediaType: String?) -> Format {
        let m = (mediaType ?? "").lowercased()
        if m.contains("csv") { return .csv }
        if m.contains("json") { return .geojson }
        let first = body.drop { [0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf].contains($0) }.first
        return first == UInt8(ascii: "{") ? .geojson : .csv
    }

    /// Throws a 400 `IntakeError` with row-level reasons when `body` is not a well-formed upload of `format`.
    static func check(_ body: Data, as format: Format) throws {
        guard !body.isEmpty else {
            throw IntakeError.bad(
                "the upload is empty", hint: "send the province's review as CSV or GeoJSON",
                vi: "tệp rỗng; gửi danh sách rà soát của tỉnh dạng CSV hoặc GeoJSON")
        }
        guard let text = String(data: body, encoding: .utf8) else {
            let line = firstInvalidLine(body)
            throw IntakeError.bad(
                "the upload is not UTF-8 text",
                hint: "save it as UTF-8 (in Excel: CSV UTF-8); TCVN3/VNI/Windows-1258 are not read",
                reasons: ["line \(line): bytes that are not UTF-8"],
                vi: "tệp không phải văn bản UTF-8; lưu lại dạng UTF-8 (trong Excel: CSV UTF-8),"
                    + " phông TCVN3/VNI/"
                    + "Windows-1258 không đọc được",
                reasonsVI: ["dòng \(line): có byte không phải UTF-8"])
        }
        switch format {
        case .csv: try checkCSV(text)
        case .geojson: try checkGeoJSON(body)
        }
    }

    private static func firstInvalidLine(_ body: Data) -> Int {
        var line = 1
        for chunk in body.split(separator: 0x0a, omittingEmptySubsequences: false) {
            if String(data: Data(chunk), encoding: .utf8) == nil { return line }
            line += 1
        }
        return line
    }

    /// Every record must have the header's field count; a quote left open is reported at the line it opened.
    private static func checkCSV(_ text: String) throws {
        let records: [CSVRecords.Record]
        do { records = try CSVRecords.parse(text) } catch let e as CSVRecords.UnclosedQuote {
            throw IntakeError.bad(
                "the CSV has a quoted field that never closes",
                reasons: ["line \(e.line): a quote opens here and is never closed"],
                vi: "tệp CSV có một trường mở dấu ngoặc kép mà không đóng",
                reasonsVI: ["dòng \(e.line): dấu ngoặc kép mở ở đây và không được đóng"])
        }
        guard let header = records.first else {
            throw IntakeError.bad("the CSV has no header row", vi: "tệp CSV không có dòng tiêu đề")
        }
        let long = records.enumerated().filter { $0.element.fields.contains { $0.utf8.count > maxFieldBytes } }
        guard long.isEmpty else {
            let rows = long.prefix(maxReasons).map { r in
                (r.offset, r.element.line, r.element.fields.map(\.utf8.count).max() ?? 0)
            }
            throw IntakeError.bad(
                "\(long.count) CSV row(s) have a field longer than \(maxFieldBytes) bytes",
                hint: "send one village per row with short fields; notes belong in the note column, briefly",
                reasons: rows.map { "row \($0.0) (line \($0.1)): a field of \($0.2) bytes" },
                vi:
                    "\(long.count) dòng CSV có trường dài hơn \(maxFieldBytes) byte;"
                    + " mỗi dòng một thôn, ghi chú ngắn gọn",
                reasonsVI: rows.map {
                    "dòng số liệu \($0.0) (dòng \($0.1) của tệp):"
                        + " một trường dài \($0.2) byte"
                })
        }
        let wrong = records.dropFirst().enumerated().filter { $0.element.fields.count != header.fields.count }
        guard wrong.isEmpty else {
            let rows = wrong.prefix(maxReasons).map { ($0.offset + 1, $0.element.line, $0.element.fields.count) }
            let n = header.fields.count
            throw IntakeError.bad(
                "\(wrong.count) CSV row(s) do not have the header's \(n) fields",
                hint: "quote fields that contain commas; every row needs one value per column",
                reasons: rows.map { "row \($0.0) (line \($0.1)): \($0.2) fields, the header has \(n)" },
                vi: "\(wrong.count) dòng CSV không có đủ \(n) trường như dòng tiêu đề;"
                    + " đặt trong ngoặc kép các trường"
                    + " có dấu phẩy, mỗi cột một giá trị",
                reasonsVI: rows.map {
                    "dòng số liệu \($0.0) (dòng \($0.1) của tệp): \($0.2) trường,"
                        + " tiêu đề có \(n)"
                })
        }
    }

    private static func checkGeoJSON(_ body: Data) throws {
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: body) } catch {
            throw IntakeError.bad(
                "the upload is not valid JSON", hint: "send a GeoJSON FeatureCollection",
                reasons: [jsonErrorText(error)],
                vi: "tệp không phải JSON hợp lệ; gửi một GeoJSON FeatureCollection")
        }
        guard let root = json as? [String: Any], root["type"] as? String == "FeatureCollection",
            let features = root["features"] as? [Any]
        else {
            throw IntakeError.bad(
                "the upload is not a GeoJSON FeatureCollection",
                hint: "the top level needs \"type\": \"FeatureCollection\" and a \"features\" array",
                vi: "tệp không phải GeoJSON FeatureCollection:"
                    + " cấp ngoài cùng cần \"type\": \"FeatureCollection\" và"
                    + " mảng \"features\"")
        }
        var reasons: [(en: String, vi: String)] = []
        for (i, f) in features.enumerated() {
            let n = i + 1
            guard let feature = f as? [String: Any], feature["type"] as? String == "Feature" else {
                reasons.append(
                    (
                        "feature \(n): not a GeoJSON Feature object",
                        "đối tượng \(n): không phải Feature"
                    ))
                continue
            }
            if let p = feature["properties"], !(p is [String: Any]) && !(p is NSNull) {
                reasons.append(
                    (
                        "feature \(n): properties is not an object",
                        "đối tượng \(n): properties không phải object"
                    ))
            }
            if let g = feature["geometry"], !(g is NSNull) {
                guard let geometry = g as? [String: Any], geometry["type"] is String, geometry["coordinates"] != nil
                else {
                    reasons.append(
                        (
                            "feature \(n): geometry lacks a type or coordinates",
                            "đối tượng \(n): geometry thiếu type hoặc coordinates"
                        ))
                    continue
                }
            }
        }
        guard reasons.isEmpty else {
            let shown = reasons.prefix(maxReasons)
            throw IntakeError.bad(
                "\(reasons.count) feature(s) are malformed", reasons: shown.map(\.en),
                vi: "\(reasons.count) đối tượng GeoJSON sai cấu trúc", reasonsVI: shown.map(\.vi))
        }
    }

    private static func jsonErrorText(_ error: Error) -> String {
        let ns = error as NSError
        if let detail = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return "\(error)"
    }
}
