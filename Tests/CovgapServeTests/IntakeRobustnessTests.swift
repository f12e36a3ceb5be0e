import CovgapTestSupport
import Foundation
import Testing

/// Limits, malformed bodies, concurrency and a kill -9 under load, over real HTTP on a real SQLite file.
@Suite(.serialized) struct IntakeRobustnessTests {
    static func csv() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: ServeDemoRun.submission)) }

    /// The demo submission with a distinguishing note on its first data row, so each upload's bytes differ.
    static func variant(_ i: Int) throws -> Data {
        var text = String(decoding: try csv(), as: UTF8.self)
        let first = text.range(of: ",,2026-09-30,")!
        text.replaceSubrange(first, with: ",upload \(i),2026-09-30,")
        return Data(text.utf8)
    }

    @Test func oversizedBodiesAreRefusedBeforeBeingRead() async throws {
        let server = try ServeProcess(runPath: try ServeDemoRun.path(), maxUploadMB: 0.05)  // 52,428 bytes
        let p = try server.token(["--province", "11"]).token
        let big = Data(repeating: UInt8(ascii: "a"), count: 2_000_000)
        let r = try await server.send("POST", "/api/v1/provinces/11/reviews", token: p, body: big, type: "text/csv")
        #expect(r.status == 413, "\(r.text)")
        #expect(r.text.contains("at most 52428"))
        // Without a length (chunked), the body is cut off at the limit.
        let file = server.workDir + "/big.csv"
        try big.write(to: URL(fileURLWithPath: file))
        let chunked = try ExternalTools.capture(
            "/usr/bin/curl",
            [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(p)",
                "-H", "Transfer-Encoding: chunked", "-H", "Content-Type: text/csv",
                "--data-binary", "@" + file, server.base + "/api/v1/provinces/11/reviews",
            ])
        #expect(chunked.stdout == "413", "\(chunked.stdout) \(chunked.stderr)")
        // The service is still there, and nothing was stored.
        let list = try await server.send("GET", "/api/v1/provinces/11/reviews", token: p)
        #expect(list.status == 200 && list.text == "[]")
        #expect(
            try await server.send(
                "POST", "/api/v1/provinces/11/reviews", token: p, body: try IntakeRobustnessTests.csv(),
                type: "text/csv"
            ).status == 201)
    }

    @Test func malformedBodiesAre400WithRowLevelReasons() async throws {
        let server = try ServeProcess(runPath: try ServeDemoRun.path())
        let p = try server.token(["--province", "11"]).token
        let header =
            "province_code,commune_code,village_name,technology,reported,carriers_missing,note,reported_on,lon,lat\n"
        let good = "11,03158,Bản A,4G,white,viettel,,2026-09-30,102.30,22.53\n"
        var windows1258 = Data((header + good).utf8)
        // 'Bá' cut mid-sequence
        windows1258.append(contentsOf: [0x31, 0x31, 0x2c, 0x30, 0x33, 0x31, 0x35, 0x38, 0x2c, 0x42, 0xe1, 0xba, 0x0a])
        let cases: [(String, Data, String, [String])] = [
            (
                "wrong field count",
                Data((header + good + "11,03158,Bản B,4G\n" + good + "11,03158,\"Bản, C\",4G,white,,,,1,2,3\n").utf8),
                "text/csv",
                ["row 2 (line 3): 4 fields, the header has 10", "row 4 (line 5): 11 fields, the header has 10"]
            ),
            (
                "unclosed quote", Data((header + good + "11,03158,\"Bản D,4G,white,,,,1,2\n").utf8), "text/csv",
                ["line 3: a quote opens here"]
            ),
            ("not UTF-8", windows1258, "text/csv", ["line 3: bytes that are not UTF-8"]),
            ("missing columns", Data("province_code,village_name\n11,Bản E\n".utf8), "text/csv", ["commune_code"]),
            ("empty", Data(), "text/csv", ["empty"]),
            (
                "bad JSON", Data(#"{"type": "FeatureCollection", "features": [ {"type": "Feature",, } ]}"#.utf8),
                "application/geo+json", ["not valid JSON"]
            ),
            (
                "not a collection", Data(#"{"type": "Point", "coordinates": [102, 22]}"#.utf8), "application/geo+json",
                ["FeatureCollection"]
            ),
            (
                "bad feature",
                Data(
                    #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": null}, {"type": "Feature", "properties": 3, "geometry": {"type": "Point"}}]}"#
                        .utf8),
                "application/geo+json", ["feature 2: properties is not an object"]
            ),
        ]
        for (name, body, type, mentions) in cases {
            let r = try await server.send("POST", "/api/v1/provinces/11/reviews", token: p, body: body, type: type)
            #expect(r.status == 400, "\(name): \(r.status) \(r.text)")
            for m in mentions { #expect(r.text.contains(m), "\(name) should mention \(m): \(r.text)") }
        }
        #expect(
            try await server.send("GET", "/api/v1/provinces/11/reviews", token: p).text == "[]",
            "no refused body is stored")
    }

    @Test func fiftyConcurrentSubmissionsAllKept() async throws {
        let server = try ServeProcess(runPath: try ServeDemoRun.path(), workers: 2)
        let p = try server.token(["--province", "11"]).token
        let bodies = try (0..<50).map { try IntakeRobustnessTests.variant($0) }
        let replies = try await withThrowingTaskGroup(of: (Int, HTTPReply).self) { g in
            for (i, b) in bodies.enumerated() {
                g.addTask {
                    (
                        i,
                        try await server.send(
                            "POST", "/api/v1/provinces/11/reviews", token: p, body: b, type: "text/csv")
                    )
                }
            }
            var out: [Int: HTTPReply] = [:]
            for try await (i, r) in g { out[i] = r }
            return out
        }
        #expect(replies.values.allSatisfy { $0.status == 201 }, "\(replies.values.map(\.status))")
        let ids = Set(replies.values.compactMap { ($0.object["submission"] as? [String: Any])?["id"] as? String })
        #expect(ids.count == 50, "ids are unique")
        let list = try await server.send("GET", "/api/v1/provinces/11/reviews", token: p)
        #expect((list.json as? [Any])?.count == 50)
        // Each stored original is byte for byte what was sent, under the id its answer gave.
        for (i, r) in replies {
            let id = (r.object["submission"] as? [String: Any])?["id"] as? String ?? ""
            let original = try await server.send("GET", "/api/v1/provinces/11/reviews/\(id)/original", token: p)
            #expect(original.body == bodies[i], "upload \(i) as \(id)")
        }
    }

    @Test func killNineUnderLoadLosesNothingAnswered() async throws {
        let run = try ServeDemoRun.path()
        let server = try ServeProcess(runPath: run, workers: 2)
        let p = try server.token(["--province", "11"]).token
        let bodies = try (0..<40).map { try IntakeRobustnessTests.variant(1000 + $0) }
        let answered = Answered()
        let load = Task {
            await withTaskGroup(of: Void.self) { g in
                for (i, b) in bodies.enumerated() {
                    g.addTask {
                        if let r = try? await server.send(
                            "POST", "/api/v1/provinces/11/reviews", token: p, body: b, type: "text/csv"),
                            r.status == 201,
                            let id = (r.object["submission"] as? [String: Any])?["id"] as? String
                        {
                            // The eighth answer kills the server with three uploads half sent, so the kill lands
                            // with requests in flight whatever the machine's speed (a kill timed on answers alone let
                            // all 40 finish on a loaded machine).
                            if await answered.add(i, id) == 8 {
                                let inFlight = try? IntakeRobustnessTests.halfUploads(3, to: server, token: p)
                                usleep(200_000)
                                server.kill9()
                                _ = inFlight
                            }
                        }
                    }
                }
            }
        }
        await load.value
        server.kill9()
        let confirmed = await answered.all
        #expect(confirmed.count >= 8, "killed after the eighth answer: \(confirmed.count) answered")

        let again = try ServeProcess(runPath: run, workDir: server.workDir)
        for (i, id) in confirmed {
            let r = try await again.send("GET", "/api/v1/provinces/11/reviews/\(id)/original", token: p)
            #expect(r.status == 200 && r.body == bodies[i], "answered upload \(i) (\(id)) survived byte for byte")
        }
        let stored = (try await again.send("GET", "/api/v1/provinces/11/reviews", token: p).json as? [Any])?.count ?? -1
        #expect((confirmed.count...40).contains(stored), "\(stored) stored: every answered one, no half-sent one")
        // Nothing half-stored: every stored submission has its review files, and the file is sound.
        again.stop()
        let check = try ExternalTools.capture(
            "/usr/bin/sqlite3",
            [
                server.dataDir + "/covgap.sqlite",
                "PRAGMA integrity_check; SELECT COUNT(*) FROM submissions WHERE length(rejected_csv) = 0 OR length(reconciled_csv) = 0 OR summary_json = '';",
            ])
        #expect(check.stdout == "ok\n0\n", "\(check.stdout) \(check.stderr)")
    }
}

extension IntakeRobustnessTests {
    /// Opens `count` uploads and sends their head and half their body; they wait for the rest.
    static func halfUploads(_ count: Int, to server: ServeProcess, token: String) throws -> [LoopbackSocket] {
        try (0..<count).map { k in
            let body = try variant(2000 + k)
            let head =
                "POST /api/v1/provinces/11/reviews HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n"
                + "Content-Type: text/csv\r\nContent-Length: \(body.count)\r\n\r\n"
            let socket = try LoopbackSocket(port: server.port)
            socket.write(Data(head.utf8) + body.prefix(body.count / 2))
            return socket
        }
    }
}

/// Answers collected by concurrent tasks.
actor Answered {
    private var ids: [Int: String] = [:]
    /// Records an answer and returns how many are in.
    func add(_ i: Int, _ id: String) -> Int {
        ids[i] = id
        return ids.count
    }
    var count: Int { ids.count }
    var all: [Int: String] { ids }
}
