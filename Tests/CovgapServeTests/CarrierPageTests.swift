import CovgapTestSupport
import Foundation
import Testing

@testable import CovgapServe

/// The carriers' page over real HTTP with curl's cookie jar: each role lands on its own page and no other, a carrier
/// reports on its orders through the form (read back through the API), refusals are in Vietnamese and record nothing,
/// and the downloads are the run's orders and areas. Expected values come from the run's own GeoJSON files.
@Suite(.serialized) struct CarrierPageTests {
    /// A browser-like client: curl with its own cookie jar, posting with the page's own Origin.
    struct Browser {
        let base: String, jar: String

        func get(_ path: String) throws -> (status: Int, headers: [String: String], body: String) {
            try ServiceHardeningTests.curl(["-b", jar, "-c", jar, base + path])
        }

        func post(
            _ path: String, _ form: [String: String]
        ) throws -> (
            status: Int, headers: [String: String], body: String
        ) {
            let fields = form.sorted { $0.key < $1.key }.flatMap { ["--data-urlencode", "\($0.key)=\($0.value)"] }
            return try ServiceHardeningTests.curl(
                ["-b", jar, "-c", jar, "-H", "Origin: \(base)"] + fields + [base + path])
        }

        /// Logs in with `token`; returns where the page sends the browser.
        func login(_ token: String) throws -> (status: Int, location: String) {
            let r = try post("/login", ["token": token])
            return (r.status, r.headers["location"] ?? "")
        }
    }

    static func features(_ run: String, _ file: String) throws -> [[String: Any]] {
        let root =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: "\(run)/workorders/\(file)"))) as! [String: Any]
        return root["features"] as! [[String: Any]]
    }

    static func ids(_ features: [[String: Any]]) -> [String] {
        features.map { ($0["properties"] as! [String: Any])["work_order_id"] as! String }
    }

    @Test func eachRoleLandsOnItsOwnPageOnly() throws {
        let server = try ServeProcess(runPath: try ServeDemoRun.path())
        let browser = { (name: String) in Browser(base: server.base, jar: server.workDir + "/\(name).jar") }
        let carrier = browser("viettel"), province = browser("province"), analyst = browser("analyst")
        #expect(try carrier.login(try server.token(["--carrier", "viettel"]).token) == (303, "/carrier"))
        #expect(try province.login(try server.token(["--province", "11"]).token) == (303, "/province"))
        let refused = try analyst.post("/login", ["token": try server.token(["--analyst"]).token])
        #expect(refused.status == 403 && refused.body.contains("/api/v1") && refused.headers["set-cookie"] == nil)

        let list = try carrier.get("/carrier")
        #expect(list.status == 200 && list.body.contains("Lệnh công việc · Viettel"))
        #expect(try carrier.get("/").headers["location"] == "/carrier", "a carrier's session opens on its page")
        for (who, path) in [(carrier, "/province"), (province, "/carrier"), (analyst, "/carrier")] {
            let r = try who.get(path)
            #expect(r.status == 303 && r.headers["location"] == "/", "\(path) is not this session's page")
        }
        // Another carrier's order is not there, to read or to report on; nothing is recorded.
        let run = try ServeDemoRun.path()
        let other = try #require(CarrierPageTests.ids(try CarrierPageTests.features(run, "mobifone.geojson")).first)
        #expect(try carrier.get("/carrier/orders/\(other)").status == 404)
        #expect(try carrier.post("/carrier/orders/\(other)/status", ["status": "in_progress"]).status == 404)
        let an = try server.token(["--analyst"]).token
        let history = try ServiceHardeningTests.curl([
            "-H", "Authorization: Bearer \(an)", server.base + "/api/v1/carriers/mobifone/workorders/\(other)/status",
        ])
        #expect(history.status == 200 && history.body == "[]", "\(history.body)")
        // A cross-site post is refused before anything is read.
        let mine = try #require(CarrierPageTests.ids(try CarrierPageTests.features(run, "viettel.geojson")).first)
        let cross = try ServiceHardeningTests.curl([
            "-b", carrier.jar, "-H", "Origin: https://evil.example", "--data", "status=in_progress",
            server.base + "/carrier/orders/\(mine)/status",
        ])
        #expect(cross.status == 403)
    }

    @Test func aCarrierReportsThroughTheFormAndDownloadsItsOrders() async throws {
        let run = try ServeDemoRun.path()
        let server = try ServeProcess(runPath: run)
        let vt = try server.token(["--carrier", "viettel"]).token
        let carrier = Browser(base: server.base, jar: server.workDir + "/viettel.jar")
        #expect(try carrier.login(vt).status == 303)
        let points = try CarrierPageTests.features(run, "viettel.geojson")
        let id = CarrierPageTests.ids(points)[0]
        let page = "/carrier/orders/\(id)"

        // Refusals answer 400 on the order's page, in Vietnamese, and record nothing.
        let today = ServeDatabase.today()
        let refusals: [([String: String], String)] = [
            (["status": "on_air"], "cần ngày phát sóng"),
            (["status": "on_air", "date": today, "rsrp_dbm": "mạnh"], "RSRP phải là một số"),
            (["status": "disputed", "reason": "  "], "cần nêu lý do"),
            (["status": "closed"], "chọn một trạng thái"),
        ]
        for (form, words) in refusals {
            let r = try carrier.post(page + "/status", form)
            #expect(r.status == 400 && r.body.contains(words) && r.body.contains("id=\"report\""), "\(form)")
        }
        #expect(
            try await server.send("GET", "/api/v1/carriers/viettel/workorders/\(id)/status", token: vt).text == "[]")

        // On air with a measurement in Vietnamese notation: recorded as the API would record it.
        let done = try carrier.post(
            page + "/status", ["status": "on_air", "date": today, "rsrp_dbm": "-97,5", "download_mbps": "42"])
        #expect(done.status == 303 && (done.headers["location"] ?? "").hasPrefix(page + "?recorded="))
        let shown = try carrier.get(done.headers["location"] ?? "")
        #expect(shown.body.contains("id=\"recorded\"") && shown.body.contains("Đã phát sóng"))
        let events = try #require(
            try await server.send("GET", "/api/v1/carriers/viettel/workorders/\(id)/status", token: vt).json
                as? [[String: Any]])
        #expect(events.count == 1 && events[0]["status"] as? String == "on_air")
        #expect(events[0]["on_air_date"] as? String == today)
        let measured = (events[0]["measurement"] as? [String: Any] ?? [:]).mapValues { ($0 as? NSNumber)?.doubleValue }
        #expect(measured == ["rsrp_dbm": -97.5, "download_mbps": 42])

        // The list counts it; the downloads are the run's orders and areas with the status written over.
        let list = try carrier.get("/carrier?status=on_air")
        #expect(list.body.contains("id=\"count-on_air\">1<"))
        #expect(list.body.components(separatedBy: "<tr data-status=").count == 2, "the filter keeps the one on air")
        let download = try carrier.get("/carrier/workorders.geojson")
        #expect(download.headers["content-disposition"]?.contains("viettel_workorders.geojson") == true)
        let served = try JSONSerialization.jsonObject(with: Data(download.body.utf8)) as! [String: Any]
        let features = served["features"] as! [[String: Any]]
        #expect(CarrierPageTests.ids(features) == CarrierPageTests.ids(points))
        #expect((features[0]["properties"] as! [String: Any])["status"] as? String == "on_air")
        let areas = try carrier.get("/carrier/workorder_areas.geojson")
        let areaFeatures = (try JSONSerialization.jsonObject(with: Data(areas.body.utf8)) as! [String: Any])["features"]
        #expect(
            CarrierPageTests.ids(areaFeatures as! [[String: Any]])
                == CarrierPageTests.ids(try CarrierPageTests.features(run, "viettel_areas.geojson")))
    }

    /// The province's page answers a file it cannot take in Vietnamese, reasons included; the API keeps English.
    @Test func aRefusedUploadIsExplainedInVietnameseOnThePage() async throws {
        let server = try ServeProcess(runPath: try ServeDemoRun.path())
        let token = try server.token(["--province", "11"]).token
        let province = Browser(base: server.base, jar: server.workDir + "/province.jar")
        #expect(try province.login(token).status == 303)
        // Windows-1258 bytes (Excel's "CSV" on a Vietnamese Windows) on the second line.
        let file = server.workDir + "/review.csv"
        var body = Data("province_code,commune_code,village_name\n11,03127,B".utf8)
        body.append(contentsOf: [0xE3, 0x6E])
        body.append(Data("\n".utf8))
        try body.write(to: URL(fileURLWithPath: file))
        let page = try ServiceHardeningTests.curl([
            "-b", province.jar, "-H", "Origin: \(server.base)", "-F", "file=@\(file);type=text/csv",
            server.base + "/province/upload",
        ])
        #expect(page.status == 400)
        #expect(page.body.contains("không phải văn bản UTF-8"), "\(page.body)")
        #expect(page.body.contains("dòng 2: có byte"), "\(page.body)")
        #expect(!page.body.contains("is not UTF-8"))
        // Well-formed, but without the columns a review needs: the review's own refusal, in Vietnamese too.
        let columns = server.workDir + "/columns.csv"
        try Data("province_code,commune_code,village_name\n11,03127,Bản Mé\n".utf8).write(
            to: URL(fileURLWithPath: columns))
        let missing = try ServiceHardeningTests.curl([
            "-b", province.jar, "-H", "Origin: \(server.base)", "-F", "file=@\(columns);type=text/csv",
            server.base + "/province/upload",
        ])
        #expect(missing.status == 400 && missing.body.contains("tệp thiếu cột technology"), "\(missing.body)")
        #expect(!missing.body.contains("lacks the column"))
        let api = try await server.send(
            "POST", "/api/v1/provinces/11/reviews", token: token, body: body, type: "text/csv")
        #expect(api.status == 400 && api.text.contains("not UTF-8"))
    }
}
