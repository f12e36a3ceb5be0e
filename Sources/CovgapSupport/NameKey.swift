import Foundation

/// Village names compared the way people write them: case, spacing and Unicode composition ignored, and the unit word
/// in front (bản, thôn, xóm, tổ dân phố, ấp, làng, khu, buôn, plei, phum, sóc) dropped: "Bản Nà Ơ"
/// matches "nà ơ".
public enum NameKey {
    static let unitWords = [
        "tổ dân phố", "bản", "thôn", "xóm", "ấp", "làng", "khu", "buôn", "plei", "phum", "sóc", "tổ",
    ]

    public static func of(_ name: String) -> String {
        var s = name.precomposedStringWithCanonicalMapping.lowercased()
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        for w in unitWords where s.hasPrefix(w + " ") {
            s = String(s.dropFirst(w.count + 1))
            break
        }
        return s
    }

    /// Vietnamese text without its tone and vowel marks ("Điện Biên" → "Dien Bien"), for the places that read
    /// text as Latin-1, such as QGIS 3.22's CRS names.
    public static func ascii(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "Đ", with: "D").replacingOccurrences(of: "đ", with: "d")
    }

    /// Digits-only codes padded with leading zeros to `width` (spreadsheets drop them: 3127 → 03127).
    public static func code(_ text: String, width: Int) -> String {
        guard !text.isEmpty, text.count < width, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else {
            return text
        }
        return String(repeating: "0", count: width - text.count) + text
    }
}
