/// The analyst's progress table: per province and carrier, how many orders are open, in progress, on air, disputed,
/// and overdue (past their deadline on the given day and not on air).
struct ProgressView {
    /// One province × carrier line.
    struct Line: Sendable, Codable, Equatable {
        let provinceCode: String, provinceName: String, carrier: String
        var orders = 0, open = 0, inProgress = 0, onAir = 0, disputed = 0, overdue = 0
        enum CodingKeys: String, CodingKey {
            case provinceCode = "province_code", provinceName = "province_name", carrier, orders, open, inProgress =
                "in_progress",
                onAir = "on_air", disputed, overdue
        }
    }

    /// The lines for every order of `book`, with statuses from `latest` (carrier → order → newest event), as of day
    /// `asOf` (YYYY-MM-DD); sorted by province code, then carrier.
    static func lines(book: WorkOrderBook, latest: [String: [String: StatusStore.Event]], asOf: String) -> [Line] {
        var table: [String: Line] = [:]
        for (carrier, orders) in book.orders {
            for o in orders {
                let key = o.provinceCode + "\u{1}" + carrier
                var l = table[key] ?? Line(provinceCode: o.provinceCode, provinceName: o.provinceName, carrier: carrier)
                let status = latest[carrier]?[o.id]?.status ?? "open"
                l.orders += 1
                switch status {
                case "in_progress": l.inProgress += 1
                case "on_air": l.onAir += 1
                case "disputed": l.disputed += 1
                default: l.open += 1
                }
                if status != "on_air", !o.deadline.isEmpty, o.deadline < asOf { l.overdue += 1 }
                table[key] = l
            }
        }
        return table.values.sorted { ($0.provinceCode, $0.carrier) < ($1.provinceCode, $1.carrier) }
    }
}
