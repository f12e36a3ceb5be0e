/// Cells that a spreadsheet would run as a formula (text starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return, as OWASP lists them) are written with a leading apostrophe, so Excel and LibreOffice show them as text.
/// Numbers (`-105`, `-1.5e3`) are left as they are. Every CSV covgap writes and every string property of the review's
/// GeoJSON go through here, since their text can come from a province's upload or another outside file.
public enum SpreadsheetSafe {
    static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` as it may stand in a spreadsheet cell.
    public static func cell(_ text: String) -> String {
        guard let first = text.first, triggers.contains(first) else { return text }
        if let number = Double(text), number.isFinite { return text }
        return "'" + text
    }
}
