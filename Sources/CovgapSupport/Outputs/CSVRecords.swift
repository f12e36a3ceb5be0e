/// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF ends a record; a
/// leading byte-order mark is dropped; blank lines are skipped. The one CSV reader: covgap's own outputs read back
/// (`CSVTable`) and the intake's checks of uploaded files.
public enum CSVRecords {
    /// A record and the line it starts on (1-based).
    public struct Record: Sendable { public let line: Int; public let fields: [String] }

    /// Thrown when a quoted field never closes; `line` is where it opened.
    public struct UnclosedQuote: Error { public let line: Int }

    /// Splits `text` into records.
    public static func parse(_ text: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = [], field = "", inQuotes = false, line = 1, start = 1, openedAt = 0, any = false
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? { if let p = pending { pending = nil; return p }; return it.next() }
        func endRecord() {
            fields.append(field); field = ""
            if any || fields.count > 1 { records.append(Record(line: start, fields: fields)) }
            fields = []; any = false
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true; openedAt = line; any = true
            } else if c == "," {
                fields.append(field); field = ""; any = true
            } else if c == "\n" || c == "\r" {
                if c == "\r" { if let n = next(), n != "\n" { pending = n } }
                endRecord()
                line += 1; start = line
            } else if c == "\u{FEFF}" && records.isEmpty && fields.isEmpty && field.isEmpty {
                continue
            } else {
                field.unicodeScalars.append(c); any = true
            }
        }
        if inQuotes { throw UnclosedQuote(line: openedAt) }
        endRecord()
        return records
    }
}
