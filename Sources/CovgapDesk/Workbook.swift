import CovgapSupport
import Foundation
import GDALBridge

/// An Excel workbook (GDAL's XLSX driver) made of the run's own tables, one sheet each, with their types: codes as
/// text, numbers as numbers (the CSVs' `.csvt` and the GeoJSONs' types say which), so Excel and LibreOffice in any
/// locale show `03127` and 0,1 km² where they should. A last sheet explains every column in Vietnamese and English.
public enum Workbook {
    /// One sheet: its name (at most 31 characters) and the table it copies (a layer, optionally filtered).
    public struct Sheet: Sendable {
        public let name: String, source: String, layer: String?, filter: String?
        public init(name: String, source: String, layer: String? = nil, filter: String? = nil) {
            self.name = name
            self.source = source
            self.layer = layer
            self.filter = filter
        }
    }

    public static let glossarySheet = "Giải thích cột"

    /// Writes `sheets` and the glossary of their columns into a new workbook at `path`.
    /// Each sheet opens with its header row bold and frozen, a filter on every column and columns sized to their
    /// content (`WorkbookLayout`).
    public static func write(_ sheets: [Sheet], to path: String) throws {
        try writeTables(sheets, to: path)
        try WorkbookLayout.apply(to: path)
    }

    /// The tables and the glossary through GDAL's XLSX driver, which writes the file when the dataset closes (here,
    /// on return).
    private static func writeTables(_ sheets: [Sheet], to path: String) throws {
        let book = try VectorDataset.create(driver: "XLSX", path: path)
        var columns: [String] = []
        for sheet in sheets {
            let source = try VectorDataset.open(sheet.source)
            let layer = try source.layer(named: sheet.layer)
            for f in layer.fields.map(\.name) where !columns.contains(f) { columns.append(f) }
            var args = ["-nln", sheet.name, "-nlt", "NONE"]
            if let filter = sheet.filter { args += ["-where", filter] }
            args.append(layer.name)
            try GDALAlgorithms.vectorTranslate(source, into: book, arguments: args)
        }
        try writeGlossary(columns, into: book)
    }

    /// The glossary sheet: column, Vietnamese, English, for every column of the workbook in order of appearance.
    static func writeGlossary(_ columns: [String], into book: VectorDataset) throws {
        let sheet = try book.createLayer(name: glossarySheet, srs: nil, geometry: .none)
        for name in ["column", "tiếng Việt", "English"] { try sheet.createField(name, type: .string) }
        for column in columns {
            let entry = FieldGlossary.entry(column)
            let f = sheet.makeFeature()
            f.set(0, column)
            f.set(1, entry?.vi ?? "")
            f.set(2, entry?.en ?? "")
            try sheet.add(f)
        }
    }
}
