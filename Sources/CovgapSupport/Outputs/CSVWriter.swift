import Foundation

/// Builds RFC 4180 CSV text (UTF-8 with BOM so Excel shows Vietnamese names; LF line ends), every cell
/// formula-safe (`SpreadsheetSafe`).
public struct CSVWriter {
    private(set) var text = "\u{FEFF}"

    public mutating func row(_ fields: [String]) {
        text += fields.map { CSVWriter.quote(SpreadsheetSafe.cell($0)) }.joined(separator: ",") + "\n"
    }

    static func quote(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// Writes the text to `path`.
    public func write(to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Starts empty.
    public init() {}
}

/// Number formats shared by every output.
public enum Format {
    public static func km2(_ v: Double) -> String { String(format: "%.4f", v) }
    public static func pct(_ v: Double) -> String { String(format: "%.2f", v) }
    public static func people(_ v: Double) -> String { String(Int64(v.rounded())) }
}
