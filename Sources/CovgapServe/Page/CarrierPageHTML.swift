import CovgapDesk
import CovgapSupport
import Foundation

/// The carriers' pages, in Vietnamese like the provinces': the list of their work orders with where each stands, and
/// one order with its history and the form to report on it. No scripts: filters are a GET form, reports a POST form.
enum CarrierPageHTML {
    /// Rows shown at most in the list; the rest are reached by filtering or in the GeoJSON download.
    static let maxRows = 1000

    /// The list: counts by status, downloads, the filter and the orders it keeps.
    static func list(_ board: CarrierBoard, filter: CarrierBoard.Filter, today: String) -> String {
        let kept = board.orders(filter)
        let rows = kept.prefix(maxRows).map { row($0, board: board, today: today) }.joined()
        let overdue = board.orders.filter { board.overdue($0, asOf: today) }.count
        let tally = board.counts
        let counts = (["open"] + IntakeService.settableStatuses).map {
            "\(status($0)): <strong id=\"count-\($0)\">\(tally[$0] ?? 0)</strong>"
        }.joined(separator: " · ")
        let more =
            kept.count > maxRows
            ? "<p class=\"err\">Hiện \(maxRows) lệnh đầu trong \(kept.count) lệnh;"
                + " lọc thêm hoặc tải GeoJSON.</p>" : ""
        return PageHTML.page(
            title: "Lệnh công việc · \(board.name)",
            body: """
                <p id="summary">Đợt giao việc số \(board.runId): <strong id="orders-total">\(board.orders.count)\
                </strong> lệnh. \(counts) · Quá hạn (đến \(HTML.escape(today))):\
                 <strong id="count-overdue">\(overdue)</strong></p>
                <p>Tải về (có trạng thái hiện tại):\
                 <a href="/carrier/workorders.geojson">điểm của các lệnh\
                 (GeoJSON)</a>\(board.hasAreas ? " · "
                     + "<a href=\"/carrier/workorder_areas.geojson\">vùng lõm sóng của các"
                    + " lệnh (GeoJSON)</a>" : "")</p>
                \(filterForm(board, filter))
                <p id="shown">Đang hiện <strong>\(min(kept.count, maxRows))</strong>\
                 trong \(kept.count) lệnh khớp\
                 bộ lọc, theo thứ tự ưu tiên.</p>
                \(more)
                <table id="orders"><thead><tr><th>Mã lệnh</th><th>Ưu tiên</th><th>Công nghệ</th>\
                <th>Việc cần làm</th><th>Tỉnh</th><th>Xã/phường</th>\
                <th>Thôn/bản</th><th>Dân số</th><th>Hạn</th>\
                <th>Trạng thái</th></tr></thead><tbody>
                \(rows)</tbody></table>
                """, logout: true)
    }

    private static func row(_ o: WorkOrderLine, board: CarrierBoard, today: String) -> String {
        let s = board.status(o), late = board.overdue(o, asOf: today)
        return "<tr data-status=\"\(HTML.escape(s))\"\(late ? " data-overdue=\"true\"" : "")>"
            + "<td><a href=\"\(orderPath(o.id))\">\(HTML.escape(o.id))</a></td>"
            + "<td class=\"num\">\(o.priority.map(String.init) ?? "")</td><td>\(HTML.escape(o.technology))</td>"
            + "<td>\(HTML.escape(action(o.action)))</td><td>\(HTML.escape(o.provinceName))</td>"
            + "<td>\(HTML.escape(o.communeName))</td><td>\(HTML.escape(o.villageNames))</td>"
            + "<td class=\"num\">\(o.population.map { number(Double($0)) } ?? "")</td>"
            + "<td>\(HTML.escape(o.deadline))\(late ? " <strong>(quá hạn)</strong>" : "")</td>"
            + "<td>\(HTML.escape(status(s)))</td></tr>\n"
    }

    private static func filterForm(_ board: CarrierBoard, _ f: CarrierBoard.Filter) -> String {
        func select(_ name: String, _ label: String, _ values: [(String, String)], _ chosen: String) -> String {
            let options = ([("", "Tất cả")] + values).map { v, words in
                "<option value=\"\(HTML.escape(v))\"\(v == chosen ? " selected" : "")>\(HTML.escape(words))</option>"
            }.joined()
            return "<label>\(label) <select id=\"filter-\(name)\" name=\"\(name)\">\(options)</select></label> "
        }
        let statuses = (["open"] + IntakeService.settableStatuses).map { ($0, status($0)) }
        let provinces = Dictionary(
            board.orders.map { ($0.provinceCode, $0.provinceName) }, uniquingKeysWith: { a, _ in a })
        return "<form method=\"get\" action=\"/carrier\" id=\"filter\">"
            + select("status", "Trạng thái", statuses, f.status)
            + select("technology", "Công nghệ", board.choices(\.technology).map { ($0, $0) }, f.technology)
            + select(
                "province", "Tỉnh",
                provinces.keys.sorted().map { ($0, provinces[$0]! + " (\($0))") }, f.province)
            + "<button id=\"apply\" type=\"submit\">Lọc</button></form>"
    }

    /// One order: what it is, where it stands, the report form and its history.
    static func order(
        _ o: WorkOrderLine, board: CarrierBoard, history: [StatusStore.Event], recorded: StatusStore.Event? = nil,
        error: IntakeError? = nil
    ) -> String {
        let done = recorded.map {
            "<p class=\"ok\" id=\"recorded\">Đã ghi nhận: <strong>\(HTML.escape(status($0.status)))</strong>"
                + " lúc \(HTML.escape($0.recordedAt)).</p>"
        }
        return PageHTML.page(
            title: "Lệnh \(o.id) · \(board.name)",
            body: """
                \(done ?? "")\(error.map(errorBlock) ?? "")
                <p>Trạng thái hiện tại: <strong id="status">\(HTML.escape(status(board.status(o))))</strong></p>
                \(facts(o, board: board))
                \(reportForm(o))
                <h2>Lịch sử báo cáo</h2>
                \(historyTable(history))
                <p><a href="/carrier">← Danh sách lệnh</a></p>
                """, logout: true)
    }

    private static func facts(_ o: WorkOrderLine, board: CarrierBoard) -> String {
        let names = { (list: String) in
            list.split(separator: ";").map { board.names[String($0)] ?? String($0) }.joined(separator: ", ")
        }
        let lines: [(String, String)] = [
            ("work_order_id", o.id), ("technology", o.technology), ("action", action(o.action)),
            ("item_kind", WorkOrderWords.words(o.itemKind, in: WorkOrderWords.itemKinds)), ("item_ref", o.itemRef),
            ("province_name", "\(o.provinceName) (\(o.provinceCode))"),
            ("commune_name", "\(o.communeName) (\(o.communeCode))"), ("village_names", o.villageNames),
            ("population", o.population.map { number(Double($0)) } ?? ""),
            ("households", o.households.map { number(Double($0)) } ?? ""),
            ("area_km2", o.areaKm2.map { number($0, 2) } ?? ""),
            ("distance_km", o.distanceKm.map { number($0, 1) } ?? ""),
            ("host_site_id", o.hostSiteId), ("tenants", names(o.tenants)),
            ("funding", WorkOrderWords.words(o.funding, in: WorkOrderWords.fundings)),
            ("priority", o.priority.map(String.init) ?? ""), ("deadline", o.deadline),
            ("lon", o.lon.map { String(format: "%.6f", $0) } ?? ""),
            ("lat", o.lat.map { String(format: "%.6f", $0) } ?? ""),
        ]
        let rows = lines.filter { !$0.1.isEmpty }.map { field, value in
            "<tr data-field=\"\(field)\"><th>\(HTML.escape(FieldGlossary.entry(field)?.vi ?? field))</th>"
                + "<td>\(HTML.escape(value))</td></tr>"
        }.joined(separator: "\n")
        return "<table id=\"order\">\n\(rows)\n</table>"
    }

    private static func reportForm(_ o: WorkOrderLine) -> String {
        let choices = IntakeService.settableStatuses.map {
            "<label><input type=\"radio\" name=\"status\" id=\"status-\($0)\" value=\"\($0)\" required> "
                + "\(HTML.escape(status($0)))</label>"
        }.joined(separator: " ")
        return """
            <h2>Báo cáo tiến độ</h2>
            <form method="post" action="\(orderPath(o.id))/status" id="report">
            <p>\(choices)</p>
            <p><label>Ngày phát sóng (khi đã phát sóng) <input type="date" id="date" name="date"></label></p>
            <p><label>RSRP đo được, dBm (không bắt buộc)\
             <input id="rsrp_dbm" name="rsrp_dbm" inputmode="decimal"\
             size="8"></label>
            <label>Tốc độ tải xuống, Mbit/s (không bắt buộc)\
             <input id="download_mbps" name="download_mbps"\
             inputmode="decimal" size="8"></label></p>
            <p><label>Lý do (khi có ý kiến không đồng ý)<br><textarea id="reason" name="reason"\
             rows="3" cols="80"\
             maxlength="\(StatusChange.maxReasonBytes)"></textarea></label></p>
            <button id="send" type="submit">Gửi báo cáo</button>
            </form>
            """
    }

    private static func historyTable(_ history: [StatusStore.Event]) -> String {
        guard !history.isEmpty else {
            return "<p id=\"no-history\">Chưa có báo cáo nào: lệnh chưa thực hiện.</p>"
        }
        let rows = history.map { e in
            let m = (e.measurement ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) = \(number($0.value, 1))" }
            return "<tr><td>\(HTML.escape(e.recordedAt))</td><td data-status=\"\(HTML.escape(e.status))\">"
                + "\(HTML.escape(status(e.status)))</td><td>\(HTML.escape(e.onAirDate ?? ""))</td>"
                + "<td>\(HTML.escape(m.joined(separator: "; ")))</td><td>\(HTML.escape(e.reason ?? ""))</td></tr>"
        }.joined(separator: "\n")
        return """
            <table id="history"><thead><tr><th>Thời điểm ghi (UTC)</th><th>Trạng thái</th>\
            <th>Ngày phát sóng</th>\
            <th>Số đo</th><th>Lý do</th></tr></thead><tbody>
            \(rows)
            </tbody></table>
            """
    }

    /// A refused report, in Vietnamese when the refusal has words for it.
    static func errorBlock(_ e: IntakeError) -> String {
        "<div class=\"err\" id=\"error\"><p><strong>Báo cáo chưa được ghi nhận</strong>"
            + " (mã \(e.status.code)): "
            + "\(HTML.escape(e.vi ?? e.message))</p></div>"
    }

    /// The page of order `id`, its id percent-encoded as one path segment.
    static func orderPath(_ id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return "/carrier/orders/" + (id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id)
    }

    private static func status(_ code: String) -> String { WorkOrderWords.words(code, in: WorkOrderWords.statuses) }
    private static func action(_ code: String) -> String { WorkOrderWords.words(code, in: WorkOrderWords.actions) }
    private static func number(_ v: Double, _ decimals: Int = 0) -> String {
        NumberText.format(v, decimals: decimals, vietnamese: true)
    }
}
