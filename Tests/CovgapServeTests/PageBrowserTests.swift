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
}
