import Foundation

/// Builds RFC 4180 CSV text (UTF-8 with BOM so Excel shows Vietnamese names; LF line ends), every cell
/// formula-safe (`SpreadsheetSafe`), and writes beside it the `.csvt` that tells GDAL, QGIS and the workbook each
/// column's type (`ColumnType`), so codes keep their leading zeros and numbers stay numbers.
public struct CSVWriter {
    private(set) var text = "\u{FEFF}"
    private var hasHeader = false
    /// Each column's type so far (the `.csvt`'s).
    public private(set) var types: [ColumnType] = []

    public mutating func row(_ fields: [String]) {
        text += fields.map { CSVWriter.quote(SpreadsheetSafe.cell($0)) }.joined(separator: ",") + "\n"
        guard hasHeader else {
            hasHeader = true
            types = fields.map { ColumnType.isCode($0) ? .string : .empty }
            return
        }
        // Code columns start as String, which widening keeps.
        for (i, value) in fields.enumerated() where i < types.count { types[i] = types[i].widened(by: value) }
    }

    static func quote(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// Writes the text to `path` and the column types to `path` + "t" (`commune_stats.csvt`, GDAL's convention).
    public func write(to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try Data((types.map(\.csvt).joined(separator: ",") + "\n").utf8).write(to: URL(fileURLWithPath: path + "t"))
    }

    /// Starts empty.
    public init() {}
}

/// A CSV column's type as `.csvt` names it, found from its name and every value: a code or id column is text
/// whatever it holds; a column is Integer when every value is a whole number without a leading zero, Real when every
/// value is a number, and String otherwise (or when it holds no value at all).
public enum ColumnType: Sendable, Equatable {
    case empty, integer, integer64, real, string

    /// Columns that name things: codes and ids are text, even when they look like numbers (`03127`, `11`).
    static func isCode(_ name: String) -> Bool {
        let n = name.lowercased()
        return n.hasSuffix("code") || n.hasSuffix("codes") || n.hasSuffix("_id") || n.hasSuffix("_ids") || n == "id"
    }

    /// The narrowest type holding both this one's values and `value`; an empty cell changes nothing.
    func widened(by value: String) -> ColumnType {
        if value.isEmpty || self == .string { return self }
        let digits = value.hasPrefix("-") ? value.dropFirst() : Substring(value)
        let whole =
            !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
            && !(digits.count > 1 && digits.hasPrefix("0"))
        if whole, let v = Int64(value) {
            let fits32 = v >= Int64(Int32.min) && v <= Int64(Int32.max)
            switch self {
            case .empty, .integer: return fits32 ? .integer : .integer64
            case .integer64, .real: return self
            case .string: return .string
            }
        }
        let decimal =
            Double(value).map(\.isFinite) == true && value.allSatisfy { "0123456789.-+eE".contains($0) }
            && !(digits.count > 1 && digits.hasPrefix("0") && !digits.hasPrefix("0."))
        return decimal ? .real : .string
    }

    /// The `.csvt` word: Integer, Integer64, Real or String.
    var csvt: String {
        switch self {
        case .integer: "Integer"
        case .integer64: "Integer64"
        case .real: "Real"
        case .empty, .string: "String"
        }
    }
}

/// Number formats shared by every output.
public enum Format {
    public static func km2(_ v: Double) -> String { String(format: "%.4f", v) }
    public static func pct(_ v: Double) -> String { String(format: "%.2f", v) }
    public static func people(_ v: Double) -> String { String(Int64(v.rounded())) }
}
