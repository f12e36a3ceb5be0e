import CovgapTestSupport
import Foundation
import Testing

/// Every endpoint × every role × own / other / no token, over real HTTP against a real SQLite file. The expected
/// statuses are the access rules of the issue written out by hand, one row per endpoint.
@Suite(.serialized) struct AccessMatrixTests {
    /// The callers, in the order of every expectation row.
    enum Caller: String, CaseIterable {
        case province11, province12, viettel, mobifone, analyst, revoked, none, garbage
    }

    @Test func everyEndpointEveryRole() async throws {
        let run = try ServeDemoRun.path()
        let server = try ServeProcess(runPath: run)
        var tokens: [Caller: String] = [:]
        tokens[.province11] = try server.token(["--province", "11"]).token
        tokens[.province12] = try server.token(["--province", "12"]).token
        tokens[.viettel] = try server.token(["--carrier", "viettel"]).token
        tokens[.mobifone] = try server.token(["--carrier", "mobifone"]).token
        tokens[.analyst] = try server.token(["--analyst"]).token
        let gone = try server.token(["--province", "11"])
        try server.revoke(gone.id)
        tokens[.revoked] = gone.token
        tokens[.garbage] = "cg_000000000000_" + String(repeating: "0", count: 64)

        let csv = try Data(contentsOf: URL(fileURLWithPath: ServeDemoRun.submission))
        let first = try await server.send(
            "POST", "/api/v1/provinces/11/reviews", token: tokens[.province11], body: csv, type: "text/csv")
        #expect(first.status == 201, "\(first.text)")
        let id = (first.object["submission"] as? [String: Any])?["id"] as? String ?? "?"
        let orders =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: run + "/workorders/viettel.geojson"))) as! [String: Any]
        let wo =
            (((orders["features"] as! [[String: Any]])[0])["properties"] as! [String: Any])["work_order_id"] as! String
        let publish = try JSONSerialization.data(withJSONObject: ["path": run])
        let status = Data(#"{"status": "in_progress"}"#.utf8)

        // province11, province12, viettel, mobifone, analyst, revoked, none, garbage
        let rows: [(String, String, Data?, [Int])] = [
            ("POST", "/api/v1/provinces/11/reviews", csv, [201, 404, 404, 404, 403, 401, 401, 401]),
            ("GET", "/api/v1/provinces/11/reviews", nil, [200, 404, 404, 404, 200, 401, 401, 401]),
            ("GET", "/api/v1/provinces/11/reviews/\(id)", nil, [200, 404, 404, 404, 200, 401, 401, 401]),
            ("GET", "/api/v1/provinces/11/reviews/\(id)/rejected.csv", nil, [200, 404, 404, 404, 200, 401, 401, 401]),
            (
                "GET", "/api/v1/provinces/11/reviews/\(id)/reconciled.geojson", nil,
                [200, 404, 404, 404, 200, 401, 401, 401]
            ),
            ("GET", "/api/v1/provinces/11/reviews/\(id)/original", nil, [200, 404, 404, 404, 200, 401, 401, 401]),
            ("GET", "/api/v1/carriers/viettel/workorders.geojson", nil, [404, 404, 200, 404, 200, 401, 401, 401]),
            ("GET", "/api/v1/carriers/viettel/workorder_areas.geojson", nil, [404, 404, 200, 404, 200, 401, 401, 401]),
            ("GET", "/api/v1/carriers/viettel/workorders/\(wo)/status", nil, [404, 404, 200, 404, 200, 401, 401, 401]),
            (
                "POST", "/api/v1/carriers/viettel/workorders/\(wo)/status", status,
                [404, 404, 201, 404, 403, 401, 401, 401]
            ),
            ("POST", "/api/v1/runs", publish, [403, 403, 403, 403, 201, 401, 401, 401]),
            ("GET", "/api/v1/runs", nil, [403, 403, 403, 403, 200, 401, 401, 401]),
            ("GET", "/api/v1/progress", nil, [403, 403, 403, 403, 200, 401, 401, 401]),
            ("GET", "/api/v1/openapi.yaml", nil, [200, 200, 200, 200, 200, 200, 200, 200]),
        ]
        var failures: [String] = []
        for (method, path, body, expected) in rows {
            for (caller, want) in zip(Caller.allCases, expected) {
                let r = try await server.send(
                    method, path, token: tokens[caller], body: body,
                    type: body == nil ? nil : (body == csv ? "text/csv" : "application/json"))
                if r.status != want {
                    failures.append(
                        "\(method) \(path) as \(caller.rawValue): \(r.status), expected \(want): \(r.text.prefix(200))")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")

        // Another's data answers exactly as data that does not exist: same status, same body.
        let hidden = try await server.send("GET", "/api/v1/provinces/11/reviews/\(id)", token: tokens[.province12])
        let absent = try await server.send("GET", "/api/v1/provinces/11/reviews/11-999999", token: tokens[.province11])
        #expect(hidden.status == 404 && hidden.body == absent.body)
        let otherCarrier = try await server.send(
            "GET", "/api/v1/carriers/viettel/workorders.geojson", token: tokens[.mobifone])
        let noCarrier = try await server.send(
            "GET", "/api/v1/carriers/nosuch/workorders.geojson", token: tokens[.analyst])
        #expect(otherCarrier.status == 404 && otherCarrier.body == noCarrier.body)
        // A province the run does not cover: its own staff may list (nothing) but not submit against this run.
        #expect(try await server.send("GET", "/api/v1/provinces/12/reviews", token: tokens[.province12]).text == "[]")
        #expect(
            try await server.send(
                "POST", "/api/v1/provinces/12/reviews", token: tokens[.province12], body: csv, type: "text/csv"
            ).status == 422)
        // Unauthenticated answers say how to authenticate.
        #expect(try await server.send("GET", "/api/v1/runs").headers["www-authenticate"]?.contains("Bearer") == true)
    }

    @Test func revokedTokenStopsWorkingAtOnce() async throws {
        let server = try ServeProcess(runPath: try ServeDemoRun.path())
        let t = try server.token(["--carrier", "viettel"])
        #expect(
            try await server.send("GET", "/api/v1/carriers/viettel/workorders.geojson", token: t.token).status == 200)
        try server.revoke(t.id)
        #expect(
            try await server.send("GET", "/api/v1/carriers/viettel/workorders.geojson", token: t.token).status == 401)
        // A token differing from a live one in its last character is refused too.
        let u = try server.token(["--carrier", "viettel"])
        let wrong = String(u.token.dropLast()) + (u.token.last == "0" ? "1" : "0")
        #expect(try await server.send("GET", "/api/v1/carriers/viettel/workorders.geojson", token: wrong).status == 401)
        #expect(
            try await server.send("GET", "/api/v1/carriers/viettel/workorders.geojson", token: u.token).status == 200)
        // Only hashes are stored: the database file does not contain the token's secret.
        server.stop()
        let db = try Data(contentsOf: URL(fileURLWithPath: server.dataDir + "/covgap.sqlite"))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: server.dataDir + "/covgap.sqlite-wal"))) ?? Data()
        let secret = Data(String(u.token.split(separator: "_")[2]).utf8)
        #expect(db.range(of: secret) == nil && wal.range(of: secret) == nil)
    }
}
