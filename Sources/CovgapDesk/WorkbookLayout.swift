import Foundation
import GDALBridge

/// What a person sees on opening a workbook GDAL's XLSX driver wrote: on every sheet the header row in bold and frozen
/// while the rows scroll, a filter on every column, and columns as wide as their content (GDAL gives every column the
/// same width and no header style). Only the layout parts of the package change; the cells and their types stay as
/// GDAL wrote them. A package not laid out as GDAL writes it is left untouched.
enum WorkbookLayout {
    /// Rows read to size the columns: enough for the widths, cheap on a sheet of thousands of rows.
    static let sampledRows = 200

    /// Lays out the workbook at `path` in place.
    static func apply(to path: String) throws {
        var members = try ZipPackage.read(path)
        func index(_ name: String) -> Int? { members.firstIndex { $0.name == name } }
        guard let book = index("xl/workbook.xml"), let rels = index("xl/_rels/workbook.xml.rels"),
            let styles = index("xl/styles.xml"),
            let (stylesXML, bold) = boldHeaderStyle(text(members[styles]))
        else { return }
        let shared = index("xl/sharedStrings.xml").map { sharedStrings(text(members[$0])) } ?? []
        let targets = relationshipTargets(text(members[rels]))
        var filters: [String] = []
        for (position, sheet) in sheets(text(members[book])).enumerated() {
            guard let target = targets[sheet.relationship], let i = index("xl/" + target),
                let (xml, range) = laidOut(text(members[i]), shared: shared, headerStyle: bold)
            else { continue }
            members[i].data = Data(xml.utf8)
            filters.append(
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(position)\" hidden=\"1\">"
                    + "\(escape(quotedSheet(sheet.name)))!\(absolute(range))</definedName>")
        }
        members[styles].data = Data(stylesXML.utf8)
        if !filters.isEmpty, let closed = text(members[book]).range(of: "</sheets>") {
            var xml = text(members[book])
            xml.insert(contentsOf: "<definedNames>\(filters.joined())</definedNames>", at: closed.upperBound)
            members[book].data = Data(xml.utf8)
        }
        try ZipPackage.write(members, to: path)
    }

    /// The sheet's XML with its header cells in style `headerStyle`, the first row frozen, one width per column, and
    /// an autofilter over the table; and the filter's range (A1:…). Nil when the sheet is not as GDAL writes it.
    static func laidOut(_ xml: String, shared: [String], headerStyle: Int) -> (String, String)? {
        guard let data = xml.range(of: "<sheetData>"), let dataEnd = xml.range(of: "</sheetData>"),
            !xml.contains("<sheetViews"),
            let header = xml.range(of: "<row r=\"1\">", range: data.upperBound..<dataEnd.lowerBound),
            let headerEnd = xml.range(of: "</row>", range: header.upperBound..<dataEnd.lowerBound)
        else { return nil }
        let widths = columnWidths(String(xml[data.upperBound..<dataEnd.lowerBound]), shared: shared)
        guard let lastColumn = widths.keys.max() else { return nil }
        let lastRow = lastRowNumber(xml[data.upperBound..<dataEnd.lowerBound])
        let range = "A1:\(columnName(lastColumn))\(lastRow)"
        let styledHeader = xml[header.upperBound..<headerEnd.lowerBound]
            .replacingOccurrences(of: "<c r=\"", with: "<c s=\"\(headerStyle)\" r=\"")
        let cols =
            "<cols>"
            + widths.keys.sorted().map {
                "<col min=\"\($0)\" max=\"\($0)\" width=\"\(widths[$0]!)\" customWidth=\"1\"/>"
            }
            .joined() + "</cols>"
        let view =
            "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\""
            + " activePane=\"bottomLeft\""
            + " state=\"frozen\"/>"
            + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        let before = xml[..<data.lowerBound]
        let head =
            before.range(of: "<cols>").map { String(before[..<$0.lowerBound]) } ?? String(before)
        return (
            head + view + cols + xml[data.lowerBound..<header.upperBound] + styledHeader
                + xml[headerEnd.lowerBound..<dataEnd.upperBound] + "<autoFilter ref=\"\(range)\"/>"
                + xml[dataEnd.upperBound...],
            range
        )
    }

    /// Column number (1-based) → width in characters: the longest of the header and the first `sampledRows` rows'
    /// values, plus room for the filter button, between 8 and 60.
    static func columnWidths(_ rows: String, shared: [String]) -> [Int: Int] {
        var longest: [Int: Int] = [:]
        let sample = rows.range(of: "<row r=\"\(sampledRows + 1)\">").map { String(rows[..<$0.lowerBound]) } ?? rows
        let cell = /<c r="([A-Z]+)(\d+)"([^>]*)>\s*<v>([^<]*)<\/v>/
        for m in sample.matches(of: cell) {
            let value = String(m.output.4)
            let length =
                m.output.3.contains("t=\"s\"")
                ? Int(value).flatMap { $0 < shared.count ? shared[$0].count : nil } ?? value.count
                : min(value.count, 12)
            let column = columnNumber(String(m.output.1))
            longest[column] = max(longest[column] ?? 0, length + (m.output.2 == "1" ? 1 : 0))
        }
        return longest.mapValues { min(60, max(8, $0 + 3)) }
    }

    /// The styles with a bold font and a cell format using it added, and that format's index; nil when the styles
    /// part is not as GDAL writes it.
    static func boldHeaderStyle(_ xml: String) -> (String, Int)? {
        guard let fonts = xml.firstMatch(of: /<fonts count="(\d+)">/), let fontCount = Int(fonts.output.1),
            let xfs = xml.firstMatch(of: /<cellXfs count="(\d+)">/), let xfCount = Int(xfs.output.1),
            xml.components(separatedBy: "</fonts>").count == 2, xml.components(separatedBy: "</cellXfs>").count == 2
        else { return nil }
        let font = "<font><b val=\"1\"/><name val=\"Arial\"/><family val=\"2\"/><sz val=\"10\"/></font>"
        let format = "<xf numFmtId=\"164\" fontId=\"\(fontCount)\" xfId=\"0\" applyFont=\"1\"/>"
        let out = xml.replacingOccurrences(of: "</fonts>", with: font + "</fonts>")
            .replacingOccurrences(of: "</cellXfs>", with: format + "</cellXfs>")
            .replacingOccurrences(of: String(fonts.output.0), with: "<fonts count=\"\(fontCount + 1)\">")
            .replacingOccurrences(of: String(xfs.output.0), with: "<cellXfs count=\"\(xfCount + 1)\">")
        return (out, xfCount)
    }

    /// The texts of the shared-strings part, in order (markup and entities reduced to characters, for their lengths).
    static func sharedStrings(_ xml: String) -> [String] {
        xml.matches(of: /<si>(.*?)<\/si>/.dotMatchesNewlines()).map { m in
            String(m.output.1).replacing(/<[^>]*>/, with: "").replacing(/&[a-z#0-9]+;/, with: "_")
        }
    }

    /// Relationship id → target path (relative to xl/).
    static func relationshipTargets(_ xml: String) -> [String: String] {
        var targets: [String: String] = [:]
        for m in xml.matches(of: /<Relationship [^>]*>/) {
            let tag = String(m.output)
            guard let id = tag.firstMatch(of: /Id="([^"]*)"/), let target = tag.firstMatch(of: /Target="([^"]*)"/)
            else { continue }
            targets[String(id.output.1)] = String(target.output.1)
        }
        return targets
    }

    /// The workbook's sheets in order: name (XML-unescaped) and relationship id.
    static func sheets(_ xml: String) -> [(name: String, relationship: String)] {
        xml.matches(of: /<sheet [^>]*>/).compactMap { m in
            let tag = String(m.output)
            guard let name = tag.firstMatch(of: /name="([^"]*)"/), let id = tag.firstMatch(of: /r:id="([^"]*)"/) else {
                return nil
            }
            return (unescape(String(name.output.1)), String(id.output.1))
        }
    }

    private static func lastRowNumber(_ rows: Substring) -> Int {
        guard let r = rows.range(of: "<row r=\"", options: .backwards) else { return 1 }
        return Int(rows[r.upperBound...].prefix { $0.isNumber }) ?? 1
    }

    /// "A" → 1, "AA" → 27.
    static func columnNumber(_ letters: String) -> Int {
        letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
    }

    /// 1 → "A", 27 → "AA".
    static func columnName(_ number: Int) -> String {
        var n = number, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    private static func absolute(_ range: String) -> String {
        range.split(separator: ":").map { part in
            let letters = part.prefix { $0.isLetter }
            return "$\(letters)$\(part.dropFirst(letters.count))"
        }.joined(separator: ":")
    }

    private static func quotedSheet(_ name: String) -> String {
        "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static func text(_ m: ZipPackage.Member) -> String { String(decoding: m.data, as: UTF8.self) }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
