import CovgapTestSupport
import Foundation
import Testing

@testable import CovgapServe

/// A carrier fetches its orders (RFC 7946, ETag), reports on them (history kept), and the analyst's progress view
/// counts them; an analyst publishes runs. Expected counts come from the run's own GeoJSON files, read here.
@Suite(.serialized) struct WorkOrderIntakeTests {
    static func orders(_ run: String, _ carrier: String) throws -> [[String: Any]] {
        let root =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: "\(run)/workorders/\(carrier).geojson"))) as! [String: Any]
        return (root["features"] as! [[String: Any]]).map { $0["properties"] as! [String: Any] }
    }

    @Test func fetchReportAndProgress() async throws {
        let run = try ServeDemoRun.path()
        let server = try ServeProcess(runPath: run)
        let vt = try server.token(["--carrier", "viettel"]).token
        let an = try server.token(["--analyst"]).token
        let file = try WorkOrderIntakeTests.orders(run, "viettel")
        let ids = file.map { $0["work_order_id"] as! String }

        let first = try await server.send("GET", "/api/v1/carriers/viettel/workorders.geojson", token: vt)
        #expect(first.status == 200 && first.headers["content-type"] == "application/geo+json")
        let etag = try #require(first.headers["etag"])
        let served = (first.object["features"] as? [[String: Any]]) ?? []
        #expect(
            served.map { ($0["properties"] as! [String: Any])["work_order_id"] as! String } == ids,
            "same orders, same order as the file")
        #expect(served.allSatisfy { ($0["properties"] as! [String: Any])["status"] as? String == "open" })
        // RFC 7946: WGS 84 lon/lat, no crs member; every geometry inside Vietnam's box.
        #expect(first.object["crs"] == nil)
        func positions(_ any: Any) -> [[Double]] {
            if let p = any as? [Double] { return [p] }
            return (any as? [Any] ?? []).flatMap(positions)
        }
        for f in served {
            for c in positions((f["geometry"] as! [String: Any])["coordinates"] as Any) {
                #expect(c.count == 2 && (102...110).contains(c[0]) && (8...24).contains(c[1]))
            }
        }
        #expect(
            try await server.send(
                "GET", "/api/v1/carriers/viettel/workorders.geojson", token: vt, headers: ["If-None-Match": etag]
            ).status == 304)

        // Reports: in progress, then on air with a measurement; a second order disputed.
        let path = "/api/v1/carriers/viettel/workorders/\(ids[0])/status"
        #expect(
            try await server.send(
                "POST", path, token: vt, body: Data(#"{"status": "in_progress"}"#.utf8), type: "application/json"
            ).status == 201)
        // The run was published today: today (in Vietnam) is the only day an order of it can have gone on air.
        let today = ServeDatabase.today()
        let onAir = try await server.send(
            "POST", path, token: vt,
            body: Data(#"{"status": "on_air", "date": "\#(today)", "measurement": {"rsrp_dbm": -97.5}}"#.utf8),
            type: "application/json")
        #expect(onAir.status == 201, "\(onAir.text)")
        let disputed = Data(#"{"status": "disputed", "reason": "site access road washed out"}"#.utf8)
        #expect(
            try await server.send(
                "POST", "/api/v1/carriers/viettel/workorders/\(ids[1])/status", token: vt, body: disputed,
                type: "application/json"
            ).status == 201)
        // Refused changes, each with its reason.
        let refusals: [(String, String)] = [
            (#"{"status": "on_air"}"#, "on_air needs"),
            (#"{"status": "on_air", "date": "2999-01-01"}"#, "in the future"),
            (#"{"status": "on_air", "date": "2026-02-30"}"#, "on_air needs"),
            (#"{"status": "on_air", "date": "0001-01-01"}"#, "before"),
            (
                #"{"status": "on_air", "date": "\#(today)", "measurement": "#
                    + #"{"\#(String(repeating: "k", count: 4096))": 1}}"#,
                "measurement key"
            ),
            ("{\"status\": \"disputed\", \"reason\": \"a\(String(repeating: "\u{0301}", count: 3000))\"}", "bytes"),
            (#"{"status": "disputed"}"#, "disputed needs"),
            (#"{"status": "closed"}"#, "not one of"),
            (#"{"status": "in_progress", "measurement": {"rsrp_dbm": -90}}"#, "only on_air"),
            (#"{"state": "on_air"}"#, "missing key 'status'"),
        ]
        for (body, mention) in refusals {
            let r = try await server.send("POST", path, token: vt, body: Data(body.utf8), type: "application/json")
            #expect(r.status == 400 && r.text.contains(mention), "\(body): \(r.status) \(r.text)")
        }
        #expect(
            try await server.send(
                "POST", "/api/v1/carriers/viettel/workorders/WO-none/status", token: vt, body: disputed,
                type: "application/json"
            ).status == 404)

        // History keeps every change in order; the download now shows the newest and has a new ETag.
        let history = try await server.send("GET", path, token: vt)
        #expect(
            ((history.json as? [[String: Any]]) ?? []).map { $0["status"] as? String ?? "" } == [
                "in_progress", "on_air",
            ])
        let second = try await server.send(
            "GET", "/api/v1/carriers/viettel/workorders.geojson", token: vt, headers: ["If-None-Match": etag])
        #expect(second.status == 200 && second.headers["etag"] != etag)
        let props = ((second.object["features"] as? [[String: Any]]) ?? []).map { $0["properties"] as! [String: Any] }
        #expect(props[0]["status"] as? String == "on_air" && props[0]["on_air_date"] as? String == today)
        #expect((props[0]["measurement"] as? [String: Any])?["rsrp_dbm"] as? Double == -97.5)
        #expect(
            props[1]["status"] as? String == "disputed"
                && props[1]["dispute_reason"] as? String == "site access road washed out")
        // The orders' dead-zone areas: the file's features, MultiPolygons, with the same statuses; their own ETag.
        let areaFile = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: "\(run)/workorders/viettel_areas.geojson")))
        let areaIds = ((areaFile as! [String: Any])["features"] as! [[String: Any]]).map {
            ($0["properties"] as! [String: Any])["work_order_id"] as! String
        }
        let areas = try await server.send("GET", "/api/v1/carriers/viettel/workorder_areas.geojson", token: vt)
        let areaFeatures = (areas.object["features"] as? [[String: Any]]) ?? []
        #expect(areas.status == 200 && areaFeatures.count == areaIds.count && !areaIds.isEmpty)
        for f in areaFeatures {
            let p = f["properties"] as! [String: Any], id = p["work_order_id"] as! String
            #expect((f["geometry"] as? [String: Any])?["type"] as? String == "MultiPolygon")
            let expected = id == ids[0] ? "on_air" : id == ids[1] ? "disputed" : "open"
            #expect(p["status"] as? String == expected, "\(id)")
        }
        #expect(areaFeatures.map { ($0["properties"] as! [String: Any])["work_order_id"] as! String } == areaIds)
        #expect(
            try await server.send(
                "GET", "/api/v1/carriers/viettel/workorder_areas.geojson", token: vt,
                headers: ["If-None-Match": areas.headers["etag"] ?? "-"]
            ).status == 304)
        // Valid for the PyPI `geojson` validator (independent of covgap and GDAL).
        let served2 = server.workDir + "/viettel.geojson"
        try second.body.write(to: URL(fileURLWithPath: served2))
        let check = try ExternalTools.capture(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import geojson, sys; g = geojson.load(open(sys.argv[1])); print(g.is_valid, len(g['features']))",
                served2,
            ])
        #expect(check.stdout == "True \(ids.count)\n", "\(check.stdout) \(check.stderr)")

        // Progress: counts per province × carrier from the files; overdue judged on a day after every deadline.
        let progress = try await server.send("GET", "/api/v1/progress?as_of=2027-06-30", token: an)
        let lines = (progress.object["lines"] as? [[String: Any]]) ?? []
        for carrier in ["viettel", "vinaphone", "mobifone"] {
            let n = try WorkOrderIntakeTests.orders(run, carrier).count
            let line = try #require(
                lines.first { $0["carrier"] as? String == carrier && $0["province_code"] as? String == "11" })
            let (onAirN, disputedN) = carrier == "viettel" ? (1, 1) : (0, 0)
            #expect(line["orders"] as? Int == n)
            #expect(line["on_air"] as? Int == onAirN && line["disputed"] as? Int == disputedN)
            #expect(line["open"] as? Int == n - onAirN - disputedN)
            #expect(line["overdue"] as? Int == n - onAirN, "\(carrier): every order not on air is past a 2026 deadline")
        }
        let early = try await server.send("GET", "/api/v1/progress?as_of=2026-01-01", token: an)
        #expect(((early.object["lines"] as? [[String: Any]]) ?? []).allSatisfy { $0["overdue"] as? Int == 0 })
        #expect(try await server.send("GET", "/api/v1/progress?as_of=2026-13-01", token: an).status == 400)

        // Publishing: a folder that is not a run is refused; republishing keeps the carriers' history.
        let bad = try await server.send(
            "POST", "/api/v1/runs", token: an,
            body: try JSONSerialization.data(withJSONObject: ["path": "/nonexistent"]),
            type: "application/json")
        #expect(bad.status == 422 && bad.text.contains("not a finished covgap run"), "\(bad.text)")
        let again = try await server.send(
            "POST", "/api/v1/runs", token: an, body: try JSONSerialization.data(withJSONObject: ["path": run]),
            type: "application/json")
        #expect(again.status == 201 && again.object["id"] as? Int == 2)
        #expect(((try await server.send("GET", "/api/v1/runs", token: an)).json as? [Any])?.count == 2)
        let carried = try await server.send("GET", "/api/v1/carriers/viettel/workorders.geojson", token: vt)
        #expect(
            ((carried.object["features"] as? [[String: Any]])?.first?["properties"] as? [String: Any])?["status"]
                as? String == "on_air")
    }

    @Test func theServedOpenAPIDocumentIsValidAndCoversTheRoutes() async throws {
        let server = try ServeProcess(runPath: nil)
        let r = try await server.send("GET", "/api/v1/openapi.yaml")
        #expect(r.status == 200)
        for path in [
            "/provinces/{code}/reviews:", "/provinces/{code}/reviews/{id}:", "/provinces/{code}/reviews/{id}/{file}:",
            "/carriers/{carrier}/workorders.geojson:", "/carriers/{carrier}/workorder_areas.geojson:",
            "/carriers/{carrier}/workorders/{work_order_id}/status:",
            "/runs:", "/progress:",
        ] {
            #expect(r.text.contains("\n  \(path)\n"), "\(path) documented")
        }
        // Validated by an independent tool where it is installed (the test script installs it).
        let file = server.workDir + "/openapi.yaml"
        try r.body.write(to: URL(fileURLWithPath: file))
        let check = try ExternalTools.capture(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sys, yaml\ntry:\n from openapi_spec_validator import validate\nexcept ImportError:\n"
                    + " print('skip'); sys.exit(0)\nvalidate(yaml.safe_load(open(sys.argv[1]))); print('valid')",
                file,
            ])
        #expect(check.code == 0 && ["valid\n", "skip\n"].contains(check.stdout), "\(check.stdout) \(check.stderr)")
        // Before any run is published, reviews and orders say so.
        let a = try server.token(["--analyst"]).token
        #expect(try await server.send("GET", "/api/v1/progress", token: a).status == 409)
    }
}
