import CovgapSupport
import Foundation

/// The service's web pages, server-rendered in Vietnamese: no scripts, no external fonts or styles. The provinces'
/// pages are here; the carriers' are in `CarrierPageHTML`.
enum PageHTML {
    static let style = """
        body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1a1a1a}
        h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}\
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f0f0f0}
        .err{background:#fdecea;border:1px solid #e0b4b4;padding:.7rem 1rem}.ok{background:#eaf6ec;border:1px solid\
         #b4dcb9;padding:.7rem 1rem}
        .num{text-align:right}form{margin:1rem 0}header{display:flex;justify-content:space-between;align-items:center}
        table#order{width:auto}#order th{font-weight:normal}tr[data-overdue] td{background:#fff4e0}
        """

    /// A whole page around `body`.
    static func page(title: String, body: String, logout: Bool = false) -> String {
        """
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) · covgap</title><style>\(style)</style></head>
        <body><header>\
        <h1>\(HTML.escape(title))</h1>\(logout ? "<form method=\"post\" action=\"/logout\"><button "
            + "type=\"submit\">Đăng xuất</button></form>" : "")</header>
        \(body)
        <footer><p><small>covgap · Tiếp nhận rà soát vùng lõm sóng\
         và lệnh công việc (dữ liệu phủ sóng trong bản demo là dữ liệu tổng\
         hợp)</small></p></footer>
        </body></html>
        """
    }

    static func login(error: String? = nil) -> String {
        page(
            title: "Đăng nhập",
            body: """
                \(error.map { "<p class=\"err\" id=\"error\">\(HTML.escape($0))</p>" } ?? "")
                <p>Cán bộ Sở Khoa học và Công nghệ và nhà mạng\
                 đăng nhập bằng mã truy cập do Cục Viễn\
                 thông cấp.</p>
                <form method="post" action="/login">
                <label for="token">Mã truy cập</label><br>
                <input id="token" name="token" type="password" size="90" autocomplete="off" required>
                <button id="login" type="submit">Đăng nhập</button>
                </form>
                """)
    }

    /// The province's page: the upload form and its past submissions.
    static func province(
        code: String, name: String, submissions: [IntakeService.Submitted], error: IntakeError? = nil
    ) -> String {
        var rows = ""
        for s in submissions {
            rows +=
                "<tr><td><a "
                + "href=\"/province/reviews/\(HTML.escape(s.record.id))\">\(HTML.escape(s.record.id))</a></td><td>"
                + "\(HTML.escape(s.record.receivedAt))</td>"
                + "<td>\(HTML.escape(s.record.filename))</td><td class=\"num\">\(s.summary.rowsRead)</td><td "
                + "class=\"num\">\(s.summary.accepted)</td>"
                + "<td class=\"num\">\(s.summary.rejected)</td></tr>\n"
        }
        return page(
            title: "Tỉnh \(name) (\(code))",
            body: """
                \(error.map(errorBlock) ?? "")
                <h2>Gửi danh sách vùng lõm sóng</h2>
                <p>Tệp CSV (UTF-8) hoặc GeoJSON, theo mẫu của Cục Viễn thông.\
                 Kết quả đối chiếu hiện ra ngay sau khi\
                 gửi.</p>
                <form method="post" action="/province/upload" enctype="multipart/form-data">
                <input id="file" name="file" type="file" accept=".csv,.geojson,.json" required>
                <button id="upload" type="submit">Gửi</button>
                </form>
                <h2>Các lần gửi trước</h2>
                \(submissions.isEmpty ? "<p>Chưa có lần gửi nào.</p>" : """
                <table id="submissions"><thead><tr><th>Mã</th><th>Thời điểm nhận (UTC)</th><th>Tệp</th><th>\
                Số dòng</th><th>Chấp nhận</th>
                <th>Bị từ chối</th></tr></thead><tbody>
                \(rows)</tbody></table>
                """)
                """, logout: true)
    }

    /// A refused upload: the Vietnamese message and reasons when the refusal has them (then the hint is part of the
    /// message), else the English ones with the hint.
    static func errorBlock(_ e: IntakeError) -> String {
        let reasons = (e.reasonsVI ?? e.reasons).map { "<li>\(HTML.escape($0))</li>" }.joined()
        let hint = e.vi == nil && !e.hint.isEmpty ? "<p>\(HTML.escape(e.hint))</p>" : ""
        return
            "<div class=\"err\" id=\"error\"><p><strong>Tệp không được tiếp nhận</strong> "
            + "(mã \(e.status.code)): "
            + "\(HTML.escape(e.vi ?? e.message))</p>"
            + hint + (reasons.isEmpty ? "" : "<ul>\(reasons)</ul>")
            + "</div>"
    }

    static let verdicts = [
        "confirmed": "Xác nhận lõm sóng", "model_covered": "Mô hình có sóng",
        "partial": "Lõm một phần (thiếu nhà mạng)",
    ]

    /// One submission: the counts, the reconciliation table and the rejected rows with their reasons.
    static func review(
        code: String, name: String, submitted s: IntakeService.Submitted, reconciled: [[String: String]],
        rejected: [[String: String]]
    ) -> String {
        let base = "/province/reviews/\(HTML.escape(s.record.id))"
        var rec = ""
        for r in reconciled {
            let v = r["verdict"] ?? ""
            rec +=
                "<tr><td class=\"num\">\(HTML.escape(r["row"] ?? ""))</td>"
                + "<td>\(HTML.escape(r["commune_name"] ?? "")) (\(HTML.escape(r["commune_code"] ?? "")))</td>"
                + "<td>\(HTML.escape(r["village_name"] ?? ""))</td><td>\(HTML.escape(r["technology"] ?? ""))</td>"
                + "<td data-verdict=\"\(HTML.escape(v))\">\(HTML.escape(verdicts[v] ?? v))</td>"
                + "<td>\(HTML.escape(r["carriers_covering"] ?? ""))</td>"
                + "<td>\(HTML.escape(r["carriers_not_covering"] ?? ""))</td>"
                + "<td>\(HTML.escape(r["nearest_dead_zone_id"] ?? ""))</td>"
                + "<td class=\"num\">\(HTML.escape(r["nearest_dead_zone_km"] ?? ""))</td></tr>\n"
        }
        var rej = ""
        for r in rejected {
            rej +=
                "<tr><td class=\"num\">\(HTML.escape(r["row"] ?? ""))</td><td>"
                + "\(HTML.escape(r["reasons_vi"] ?? r["reasons"] ?? ""))</td>"
                + "<td>\(HTML.escape(r["commune_code"] ?? ""))</td>"
                + "<td>\(HTML.escape(r["village_name"] ?? ""))</td></tr>\n"
        }
        let counts = PageHTML.verdicts.keys.sorted().map {
            "\(verdicts[$0]!): <strong>\(s.summary.verdicts[$0] ?? 0)</strong>"
        }.joined(separator: " · ")
        return page(
            title: "Kết quả đối chiếu \(s.record.id) · Tỉnh \(name) (\(code))",
            body: """
                <p class="ok" id="summary">Đã nhận tệp <strong>\(HTML.escape(s.record.filename))</strong>\
                 lúc \(HTML.escape(s.record.receivedAt)):
                <span id="rows-read">\(s.summary.rowsRead)</span>\
                 dòng, <span id="accepted">\(s.summary.accepted)</span> dòng được chấp nhận,
                <span id="rejected">\(s.summary.rejected)</span>\
                 dòng bị từ chối. SHA-256: <code>\(HTML.escape(s.record.sha256))</code></p>
                <p>\(counts)</p>
                <p>Mô hình còn thấy <strong>\(s.summary.unreportedVillages)</strong>\
                 thôn/bản trắng hoặc yếu sóng và
                <strong>\(s.summary.unreportedDeadZones)</strong> vùng lõm sóng mà tỉnh chưa báo cáo.</p>
                <p>Tải về: <a href="\(base)/reconciled.csv">reconciled.csv</a>\
                 · <a href="\(base)/reconciled.geojson">\
                reconciled.geojson</a> ·
                <a href="\(base)/rejected.csv">rejected.csv</a> · <a href="\(base)/unreported.csv">unreported.csv</a>\
                 · <a href="\(base)/original">tệp gốc</a></p>
                <h2>Bảng đối chiếu</h2>
                <table id="reconciled"><thead><tr><th>Dòng</th><th>Xã/phường</th><th>Thôn/bản</th>\
                <th>Công nghệ</th>\
                <th>Kết luận</th>
                <th>Nhà mạng có sóng</th><th>Nhà mạng không có sóng</th>\
                <th>Vùng lõm gần nhất</th><th>km</th></tr>\
                </thead><tbody>
                \(rec)</tbody></table>
                <h2>Các dòng bị từ chối và lý do</h2>
                \(rejected.isEmpty ? "<p>Không có dòng nào bị từ chối.</p>" : """
                <table id="rejected-rows"><thead><tr><th>Dòng</th><th>Lý do</th>\
                <th>Mã xã</th><th>Thôn/bản</th></tr>\
                </thead><tbody>
                \(rej)</tbody></table>
                """)
                <p><a href="/province">← Quay lại trang của tỉnh</a></p>
                """, logout: true)
    }

    static func message(title: String, text: String) -> String {
        page(
            title: title,
            body: "<p class=\"err\" id=\"error\">\(HTML.escape(text))</p><p><a href=\"/\">Trang đầu</a></p>")
    }
}
