import CovgapModel
import CovgapSupport
import Foundation

/// A CSV file read back (`CSVRecords`: RFC 4180, BOM skipped): rows as dictionaries by header name. For covgap's own
/// outputs.
public struct CSVTable: Sendable {
    public let header: [String]
    public let rows: [[String: String]]

    /// Reads the CSV file at `path`.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw InputError(file: path, problem: "cannot be read as UTF-8 text")
        }
        try self.init(text: text, name: path)
    }

    /// Reads CSV text; `name` says where it came from in errors.
    public init(text: String, name: String) throws {
        let records: [CSVRecords.Record]
        do { records = try CSVRecords.parse(text) } catch let e as CSVRecords.UnclosedQuote {
            throw InputError(file: name, location: "line \(e.line)", problem: "has a quoted field that never closes")
        }
        guard let first = records.first?.fields else { throw InputError(file: name, problem: "is empty") }
        header = first
        rows = records.dropFirst().map { Dictionary(zip(first, $0.fields), uniquingKeysWith: { a, _ in a }) }
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
            throw InputError(
                file: folder, problem: "is not a covgap review folder (no reconciled.csv)",
                hint: "run covgap review first")
        }
        let name = URL(fileURLWithPath: folder).lastPathComponent
        return try CSVTable(path: path).rows.compactMap { r in
            guard r["technology"] == technology.rawValue, let v = r["verdict"], v == "confirmed" || v == "partial"
            else { return nil }
            guard let lon = Double(r["lon"] ?? ""), let lat = Double(r["lat"] ?? "") else {
                throw InputError(file: path, location: "row \(r["row"] ?? "?")", problem: "has no lon/lat")
            }
            return Row(
                ref: "\(name)#\(r["row"] ?? "")", communeCode: r["commune_code"] ?? "",
                villageName: r["village_name"] ?? "",
                verdict: v, lon: lon, lat: lat,
                covering: (r["carriers_covering"] ?? "").split(separator: ";").map(String.init))
        }
    }
}
