import Foundation

/// A CSV file read back (RFC 4180: quoted fields may hold commas, quotes and line breaks; a UTF-8 BOM is skipped):
/// rows as dictionaries by header name. For covgap's own outputs.
struct CSVTable {
    let header: [String]
    let rows: [[String: String]]

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), var text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, problem: "cannot be read as UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let records = CSVTable.parse(text)
        guard let first = records.first else { throw InputError(file: path, problem: "is empty") }
        header = first
        rows = records.dropFirst().filter { $0 != [""] }.map { Dictionary(zip(first, $0), uniquingKeysWith: { a, _ in a }) }
    }

    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = [], field = "", record: [String] = []
        var quoted = false, afterQuote = false
        for ch in text {
            if quoted {
                if ch == "\"" { quoted = false; afterQuote = true } else { field.append(ch) }
                continue
            }
            switch ch {
            case "\"": if afterQuote { field.append("\"") }; quoted = true; afterQuote = false
            case ",": record.append(field); field = ""; afterQuote = false
            case "\n", "\r\n": record.append(field); records.append(record); field = ""; record = []; afterQuote = false
            case "\r": break
            default: field.append(ch); afterQuote = false
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}

/// Rows of a `covgap review` folder that call for an order: `confirmed` (the model agrees there is no signal) and
/// `partial` (some carriers cover), from reconciled.csv.
enum ReviewRows {
    struct Row {
        let ref: String, communeCode: String, villageName: String, verdict: String, lon: Double, lat: Double
        let covering: [String]
    }

    static func confirmed(folder: String, technology: Technology) throws -> [Row] {
        let path = folder + "/reconciled.csv"
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: folder, problem: "is not a covgap review folder (no reconciled.csv)", hint: "run covgap review first")
        }
        let name = URL(fileURLWithPath: folder).lastPathComponent
        return try CSVTable(path: path).rows.compactMap { r in
            guard r["technology"] == technology.rawValue, let v = r["verdict"], v == "confirmed" || v == "partial" else { return nil }
            guard let lon = Double(r["lon"] ?? ""), let lat = Double(r["lat"] ?? "") else {
                throw InputError(file: path, location: "row \(r["row"] ?? "?")", problem: "has no lon/lat")
            }
            return Row(ref: "\(name)#\(r["row"] ?? "")", communeCode: r["commune_code"] ?? "", villageName: r["village_name"] ?? "",
                       verdict: v, lon: lon, lat: lat,
                       covering: (r["carriers_covering"] ?? "").split(separator: ";").map(String.init))
        }
    }
}
