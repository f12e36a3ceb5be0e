import CovgapTestSupport
@testable import CovgapSupport
import Foundation
import Testing

/// Uploads built to read beyond themselves: OGR virtual datasets naming the service's own store, a carrier's files or
/// a URL. Each must be read as the plain CSV it claims to be (and refused for its columns), reveal nothing, and leave
/// the store's locking intact: revocation, new tokens and kill -9 durability hold around it.
@Suite(.serialized) struct HostileUploadTests {
    static let columns =
        "'11' AS province_code, '03158' AS commune_code, %@ AS village_name, '4G' AS technology, 'white' AS reported, "
        + "'' AS carriers_missing, '' AS note, '2026-09-30' AS reported_on, '102.3' AS lon, '22.53' AS lat"

    /// A one-line OGR VRT that passes as a one-row CSV header: its layer is `sql` over `source`.
    static func vrt(source: String, selecting value: String, from table: String) -> Data {
        let sql = columns.replacingOccurrences(of: "%@", with: value)
        return Data(
            "<OGRVRTDataSource><OGRVRTLayer name=\"x\"><SrcDataSource>\(source)</SrcDataSource><SrcSQL>SELECT \(sql) FROM \(table)</SrcSQL></OGRVRTLayer></OGRVRTDataSource>\n"
                .utf8)
    }

    @Test func virtualDatasetsReadNothingAndTheStoreStaysSound() async throws {
        let run = try ServeDemoRun.path()
        let server = try ServeProcess(runPath: run)
        let (pid, p) = try server.token(["--province", "11"])
        let (victim, _) = try server.token(["--carrier", "viettel"])
        let good = try await server.send(
            "POST", "/api/v1/provinces/11/reviews", token: p, body: try IntakeRobustnessTests.csv(), type: "text/csv")
        #expect(good.status == 201)
        let goodID = (good.object["submission"] as? [String: Any])?["id"] as? String ?? ""
        let attacks: [(String, Data)] = [
            (
                "the service's store",
                HostileUploadTests.vrt(
                    source: server.dataDir + "/covgap.sqlite", selecting: "id || '-' || secret_sha256", from: "tokens")
            ),
            (
                "a carrier's work orders",
                HostileUploadTests.vrt(
                    source: run + "/workorders/workorders.csv", selecting: "work_order_id", from: "workorders")
            ),
            (
                "a URL",
                HostileUploadTests.vrt(
                    source: "/vsicurl/" + server.base + "/api/v1/openapi.yaml", selecting: "'x'", from: "x")
            ),
        ]
        for (name, body) in attacks {
            for type in ["text/csv", "application/octet-stream"] {
                let r = try await server.send("POST", "/api/v1/provinces/11/reviews", token: p, body: body, type: type)
                #expect(r.status == 400, "\(name) as \(type): \(r.status) \(r.text)")
                #expect(!r.text.contains(victim) && !r.text.contains("WO-"), "\(name) leaked: \(r.text)")
            }
        }
        // The store's locks held: revocation bites at once, a new token works, and what was answered survives kill -9.
        try server.revoke(pid)
        #expect(try await server.send("GET", "/api/v1/provinces/11/reviews", token: p).status == 401)
        let fresh = try server.token(["--province", "11"]).token
        #expect(try await server.send("GET", "/api/v1/provinces/11/reviews", token: fresh).status == 200)
        let after = try await server.send(
            "POST", "/api/v1/provinces/11/reviews", token: fresh, body: try IntakeRobustnessTests.variant(7),
            type: "text/csv")
        #expect(after.status == 201)
        let afterID = (after.object["submission"] as? [String: Any])?["id"] as? String ?? ""
        server.kill9()
        let again = try ServeProcess(runPath: run, workDir: server.workDir)
        for id in [goodID, afterID] {
            #expect(
                try await again.send("GET", "/api/v1/provinces/11/reviews/\(id)", token: fresh).status == 200,
                "\(id) kept")
        }
        #expect(
            try await again.send("GET", "/api/v1/provinces/11/reviews", token: p).status == 401,
            "still revoked after restart")
    }

    /// Cells from a submission that a spreadsheet would run as formulas come back as text in every export.
    @Test func formulaCellsAreNeutralisedInEveryExport() async throws {
        let server = try ServeProcess(runPath: try ServeDemoRun.path())
        let p = try server.token(["--province", "11"]).token
        var text = String(decoding: try IntakeRobustnessTests.csv(), as: UTF8.self)
        let payloads = ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        for (k, payload) in payloads.enumerated() {
            var fields = try CSVRecords.parse(lines[k + 1]).first!.fields
            fields[2] = payload  // village_name
            fields[6] = payload  // note
            lines[k + 1] = fields.map {
                $0.contains(",") || $0.contains("\"")
                    ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0
            }
            .joined(separator: ",")
        }
        text = lines.joined(separator: "\n")
        let r = try await server.send(
            "POST", "/api/v1/provinces/11/reviews", token: p, body: Data(text.utf8), type: "text/csv")
        #expect(r.status == 201, "\(r.text)")
        let id = (r.object["submission"] as? [String: Any])?["id"] as? String ?? ""
        var seen = 0
        for file in ["rejected.csv", "reconciled.csv", "reconciled.geojson"] {
            let body = try await server.send("GET", "/api/v1/provinces/11/reviews/\(id)/\(file)", token: p).text
            let cells: [String]
            if file.hasSuffix(".csv") {
                cells = try CSVRecords.parse(String(body.drop { $0 == "\u{FEFF}" })).flatMap(\.fields)
            } else {
                let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
                cells = ((json?["features"] as? [[String: Any]]) ?? []).flatMap {
                    ($0["properties"] as? [String: Any] ?? [:]).values.compactMap { $0 as? String }
                }
            }
            for c in cells where payloads.contains(where: { c.contains($0) }) {
                seen += 1
                #expect(c.hasPrefix("'"), "\(file): \(c)")
            }
            #expect(
                !cells.contains { ["=", "+", "@"].contains($0.first.map(String.init) ?? "") },
                "\(file) holds a live formula")
        }
        #expect(seen >= payloads.count, "the payloads reached the exports: \(seen)")
    }

    /// `covgap review` on an analyst's machine opens a province's file through the same door.
    @Test func theCommandLineReviewReadsTheFileAsWhatItClaims() throws {
        let run = try ServeDemoRun.path()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("covgap-hostile-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, body) in [
            (
                "list.csv",
                HostileUploadTests.vrt(
                    source: run + "/workorders/workorders.csv", selecting: "work_order_id", from: "workorders")
            ),
            (
                "list.vrt",
                HostileUploadTests.vrt(
                    source: run + "/workorders/workorders.csv", selecting: "work_order_id", from: "workorders")
            ),
        ] {
            try body.write(to: URL(fileURLWithPath: dir + "/" + name))
            let r = try CovgapCLI.run(["review", run, dir + "/" + name, "--output", dir + "/out-" + name])
            #expect(r.code == 2, "\(name): \(r.stderr)")
            #expect(!r.stdout.contains("WO-") && !r.stderr.contains("WO-"), "\(name) leaked work orders")
            #expect(!FileManager.default.fileExists(atPath: dir + "/out-" + name))
        }
    }
}
