import CovgapTestSupport
import Foundation
import Testing

/// The provinces' page in headless Chromium, driven by scripts/check_serve_page.py (selenium): a wrong token is
/// refused, the province logs in, uploads the demo submission and reads its reconciliation and rejected rows.
/// The demo submission plants six faulty rows among 24 (one duplicate, one missing field, one outside the province,
/// swapped coordinates, an unknown commune code, an unknown technology), so 18 are accepted.
@Suite(.serialized) struct PageBrowserTests {
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
            && (try? ExternalTools.capture("/usr/bin/env", ["python3", "-c", "import selenium"]))?.code == 0
    }

    @Test(
        .enabled(
            if: PageBrowserTests.available,
            "needs chromium, chromium-driver and selenium (scripts/test.sh installs them)"))
    func provinceUploadsThroughThePage() async throws {
        let server = try ServeProcess(runPath: try ServeDemoRun.path())
        let p = try server.token(["--province", "11"]).token
        let script = DemoScenario.geodata + "/../scripts/check_serve_page.py"
        let r = try ExternalTools.capture(
            "/usr/bin/env", ["python3", script, server.base, p, ServeDemoRun.submission, server.workDir + "/page.png"],
            timeout: 180)
        #expect(r.code == 0, "\(r.stdout) \(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["lang"] as? String == "vi")
        #expect(o["login_title"] as? String == "Đăng nhập")
        #expect((o["wrong_token_error"] as? String)?.contains("thu hồi") == true)
        #expect(o["province_title"] as? String == "Tỉnh Điện Biên (11)")
        #expect((o["review_url"] as? String)?.contains("/province/reviews/11-000001") == true)
        #expect(o["rows_read"] as? Int == 24 && o["accepted"] as? Int == 18 && o["rejected"] as? Int == 6)
        #expect(o["reconciled_rows"] as? Int == 18)
        let rejected = (o["rejected_rows"] as? [[String]]) ?? []
        #expect(
            rejected.count == 6 && rejected.allSatisfy { $0.count == 2 && !$0[1].isEmpty },
            "each rejected row shows its reason")
        // In Vietnamese, as the rest of the page: no English sentence from rejected.csv's `reasons`.
        #expect(
            rejected.allSatisfy { row in
                ["không", "thiếu", "trùng", "tọa độ", "kinh độ"].contains { row[1].contains($0) }
                    && !["is not", "missing", "duplicate of", "outside"].contains { row[1].contains($0) }
            }, "\(rejected)")
        #expect(
            o["has_script"] as? Bool == false && (o["external_refs"] as? [String])?.isEmpty == true,
            "no scripts, nothing external")
        #expect(o["listed"] as? Int == 1)
        // The page's upload is stored like an API one: the province sees it there too.
        let list = try await server.send("GET", "/api/v1/provinces/11/reviews", token: p)
        #expect(
            (list.json as? [[String: Any]])?.first.flatMap {
                ($0["submission"] as? [String: Any])?["sha256"] as? String
            }
                == (try ExternalTools.run("sha256sum", [ServeDemoRun.submission])).split(separator: " ").first.map(
                    String.init))
    }

    @Test(
        .enabled(
            if: PageBrowserTests.available,
            "needs chromium, chromium-driver and selenium (scripts/test.sh installs them)"))
    func carrierReportsThroughThePage() async throws {
        let run = try ServeDemoRun.path()
        let server = try ServeProcess(runPath: run)
        let vt = try server.token(["--carrier", "viettel"]).token
        let script = DemoScenario.geodata + "/../scripts/check_carrier_page.py"
        let r = try ExternalTools.capture(
            "/usr/bin/env", ["python3", script, server.base, vt, server.workDir + "/carrier"], timeout: 180)
        #expect(r.code == 0, "\(r.stdout) \(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let file = try CarrierPageTests.features(run, "viettel.geojson").map { $0["properties"] as! [String: Any] }
        #expect(o["list_title"] as? String == "Lệnh công việc · Viettel")
        #expect(o["total"] as? Int == file.count && o["rows"] as? Int == file.count)
        #expect((o["counts_before"] as? [String: Int])?["open"] == file.count)
        #expect(o["row_statuses"] as? [String] == ["open"])
        // The actions in words (Vietnamese), none as a code.
        let actions = Set(file.map { $0["action"] as! String })
        #expect((o["actions"] as? [String])?.count == actions.count)
        #expect((o["actions"] as? [String] ?? []).allSatisfy { !actions.contains($0) }, "\(o["actions"] ?? "")")
        #expect(o["downloads"] as? [String] == ["/carrier/workorders.geojson", "/carrier/workorder_areas.geojson"])
        let tech = o["filtered_technology"] as? String ?? "?"
        #expect(o["rows_filtered"] as? Int == file.filter { $0["technology"] as? String == tech }.count)
        #expect(o["technologies_filtered"] as? [String] == [tech])

        // The first order listed is the first by priority; its page shows the file's values.
        let first = try #require(
            file.min {
                ($0["priority"] as! Int, $0["work_order_id"] as! String)
                    < ($1["priority"] as! Int, $1["work_order_id"] as! String)
            })
        #expect(o["order_id"] as? String == first["work_order_id"] as? String)
        let fields = o["order_fields"] as? [String: String] ?? [:]
        #expect(fields["population"]?.replacingOccurrences(of: ".", with: "") == "\(first["population"] as! Int)")
        #expect(fields["deadline"] == first["deadline"] as? String)
        #expect(fields["commune_name"] == "\(first["commune_name"] as! String) (\(first["commune_code"] as! String))")
        #expect(o["status_before"] as? String == "Chưa thực hiện")
        #expect((o["refused"] as? String)?.contains("cần ngày phát sóng") == true, "\(o["refused"] ?? "")")
        #expect((o["recorded_1"] as? String)?.contains("Đang triển khai") == true)
        #expect((o["recorded_2"] as? String)?.contains("Nhà mạng có ý kiến") == true)
        #expect(
            (o["history"] as? [[String]])?.map { [$0[0], $0[3]] } == [
                ["Đang triển khai", ""],
                ["Nhà mạng có ý kiến", "Đường vào trạm bị sạt lở, chưa thi công được"],
            ])
        #expect(o["disputed_rows"] as? [String] == [first["work_order_id"] as! String])
        let after = o["counts_after"] as? [String: Int] ?? [:]
        #expect(after["open"] == file.count - 1 && after["disputed"] == 1 && after["in_progress"] == 0)
        #expect(o["has_script"] as? Bool == false && (o["external_refs"] as? [String])?.isEmpty == true)
        #expect((o["console"] as? [String])?.isEmpty == true, "\(o["console"] ?? "")")

        // What the page recorded is what the API reads back: two events, the reason kept as typed.
        let events = try #require(
            try await server.send(
                "GET", "/api/v1/carriers/viettel/workorders/\(first["work_order_id"] as! String)/status", token: vt
            ).json as? [[String: Any]])
        #expect(events.map { $0["status"] as? String ?? "" } == ["in_progress", "disputed"])
        #expect(events.last?["reason"] as? String == "Đường vào trạm bị sạt lở, chưa thi công được")
    }
}
