import CovgapTestSupport
import Foundation
import Testing

/// The service's answers to what a hostile client or a careless operator does, all through real HTTP on loopback:
/// cross-site and opaque-origin posts to the page, slow clients holding connections, headers every answer carries,
/// CSV fields past GDAL's line limit, and a published run changed on disk.
@Suite(.serialized) struct ServiceHardeningTests {
    /// curl's answer: status, headers (lower-cased names), body.
    static func curl(_ args: [String]) throws -> (status: Int, headers: [String: String], body: String) {
        let r = try ExternalTools.capture("/usr/bin/curl", ["-s", "-D", "-", "--max-time", "30"] + args)
        let parts = r.stdout.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        var headers: [String: String] = [:]
        for line in head.split(separator: "\r\n").dropFirst() {
            let kv = line.split(separator: ":", maxSplits: 1)
            if kv.count == 2 { headers[kv[0].lowercased()] = kv[1].trimmingCharacters(in: .whitespaces) }
        }
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, headers, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    @Test func thePageRefusesCrossSiteAndOpaqueOriginPostsWith403AndLogsThem() throws {
        let server = try ServeProcess(runPath: try ServeDemoRun.path(), listen: ", secure_cookies: true", quiet: false)
        let token = try server.token(["--province", "11"]).token
        let form = ["--data-urlencode", "token=\(token)"]
        let refused: [(String, [String])] = [
            ("Origin: null", ["-H", "Origin: null"]),
            ("another site", ["-H", "Origin: https://evil.example"]),
            (
                "another port",
                ["-H", "Origin: \(server.base.replacingOccurrences(of: "127.0.0.1:", with: "127.0.0.1:1"))"]
            ),
            ("Sec-Fetch-Site: cross-site", ["-H", "Sec-Fetch-Site: cross-site"]),
        ]
        for (label, headers) in refused {
            let r = try ServiceHardeningTests.curl(headers + form + [server.base + "/login"])
            #expect(r.status == 403, "\(label): \(r.status)")
            #expect(
                r.body.contains("<html") && r.body.contains("403"),
                "\(label): the refusal needs a page, got '\(r.body.prefix(200))'")
            #expect(r.headers["set-cookie"] == nil, "\(label): a session was opened")
            for path in ["/logout", "/province/upload", "/carrier/orders/WO-1/status"] {
                #expect(
                    try ServiceHardeningTests.curl(headers + ["-X", "POST", server.base + path]).status == 403,
                    "\(label) \(path)")
            }
        }
        // A login body over the page's 16 KiB form limit: 413 with a page, not an empty answer.
        let big = try ServiceHardeningTests.curl([
            "-H", "Origin: \(server.base)", "--data-binary", "token=" + String(repeating: "a", count: 40_000),
            server.base + "/login",
        ])
        #expect(big.status == 413 && big.body.contains("413"), "\(big.status) \(big.body.prefix(200))")
        // The page's own origin logs in, with a Secure cookie when the config asks for one.
        let ok = try ServiceHardeningTests.curl(["-H", "Origin: \(server.base)"] + form + [server.base + "/login"])
        #expect(ok.status == 303, "\(ok)")
        let cookie = ok.headers["set-cookie"] ?? ""
        #expect(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("; Secure"),
            "\(cookie)")
        server.stop()
        let log = server.standardError()
        #expect(
            log.components(separatedBy: "refused POST /login: 403").count - 1 == refused.count,
            "every refusal logged: \(log.suffix(2000))")
        #expect(!log.contains(token), "the log holds a token")
    }

    @Test func everyAnswerForbidsSniffingAndReferrers() async throws {
        let server = try ServeProcess(runPath: try ServeDemoRun.path())
        let province = try server.token(["--province", "11"]).token
        for (path, token) in [
            ("/", nil), ("/api/v1/openapi.yaml", nil), ("/api/v1/provinces/11/reviews", province),
            ("/api/v1/runs", province), ("/nowhere", nil),
        ] {
            let r = try await server.send("GET", path, token: token)
            #expect(r.headers["x-content-type-options"] == "nosniff", "\(path): \(r.status)")
            #expect(r.headers["referrer-policy"] == "same-origin", "\(path): \(r.status)")
        }
    }

    /// A raw TCP client: what it sends, and how long until the server closes the connection (nil: still open).
    static func secondsUntilClosed(
        port: Int, send chunks: [String], every interval: Double, waitAtMost: Double
    ) throws -> Double? {
        let connection = try LoopbackSocket(port: port)
        let fd = connection.fd
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let start = Date()
        var next = 0
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date().timeIntervalSince(start) < waitAtMost {
            if next < chunks.count, Date().timeIntervalSince(start) >= Double(next) * interval {
                _ = chunks[next].withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                next += 1
            }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { return Date().timeIntervalSince(start) }
        }
        return nil
    }

    @Test func slowClientsAreCutOffAtTheirDeadlines() throws {
        let server = try ServeProcess(
            runPath: nil, listen: ", header_timeout_s: 2, request_timeout_s: 3, idle_timeout_s: 4")
        let port = server.port
        let analyst = try server.token(["--analyst"]).token
        // Nothing sent: closed at the 2 s head deadline.
        let silent = try ServiceHardeningTests.secondsUntilClosed(port: port, send: [], every: 1, waitAtMost: 15)
        #expect(silent.map { (1.5...6).contains($0) } == true, "silent client: \(String(describing: silent))")
        // A head dripped one header line a second (slowloris): closed at the head deadline although bytes keep coming.
        let drip = (0..<30).map { $0 == 0 ? "GET / HTTP/1.1\r\nHost: x\r\n" : "X-Pad-\($0): y\r\n" }
        let slowHead = try ServiceHardeningTests.secondsUntilClosed(port: port, send: drip, every: 0.5, waitAtMost: 15)
        #expect(slowHead.map { (1.5...6).contains($0) } == true, "slow head: \(String(describing: slowHead))")
        // A body dripped a byte every half second to a route that reads it: closed at the 3 s request deadline.
        let body =
            [
                "POST /api/v1/runs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(analyst)\r\n"
                    + "Content-Length: 1000\r\n\r\n"
            ]
            + Array(repeating: "a", count: 60)
        let slowBody = try ServiceHardeningTests.secondsUntilClosed(port: port, send: body, every: 0.5, waitAtMost: 15)
        #expect(slowBody.map { (2.5...8).contains($0) } == true, "slow body: \(String(describing: slowBody))")
        // A normal client is answered.
        #expect(try ServiceHardeningTests.curl([server.base + "/api/v1/openapi.yaml"]).status == 200)
    }

    @Test func aCSVFieldPastGDALsLineLimitIsRefusedNotDropped() async throws {
        let server = try ServeProcess(runPath: try ServeDemoRun.path(), maxUploadMB: 12)
        let p = try server.token(["--province", "11"]).token
        var lines = try String(contentsOfFile: ServeDemoRun.submission, encoding: .utf8).split(
            whereSeparator: \.isNewline
        ).prefix(3).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let note = header.firstIndex(of: "note") ?? header.count - 1
        var fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[note] = String(repeating: "x", count: 10_500_000)
        lines[1] = fields.joined(separator: ",")
        let r = try await server.send(
            "POST", "/api/v1/provinces/11/reviews", token: p, body: Data(lines.joined(separator: "\n").utf8),
            type: "text/csv")
        #expect(
            r.status == 400 && r.text.contains("row 1") && r.text.contains("10500000 bytes"),
            "\(r.status) \(r.text.prefix(400))")
        // The command line reads such a file through GDAL and must say so rather than take the stop for the end.
        let file = server.workDir + "/long.csv"
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let cli = try ExternalTools.capture(
            CovgapCLI.binary,
            ["review", try ServeDemoRun.path(), file, "--province", "11", "--output", server.workDir + "/out"])
        #expect(
            cli.code != 0 && cli.stderr.contains("long.csv") && cli.stderr.contains("row 1"),
            "exit \(cli.code): \(cli.stderr.suffix(600))")
        #expect(!FileManager.default.fileExists(atPath: server.workDir + "/out"))
    }

    @Test func aPublishedRunChangedOnDiskIsRefusedWith409WhicheverFileChanged() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("covgap-changed-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let run = try BrokenRunTests.copyRun(into: work)
        let server = try ServeProcess(runPath: run, workDir: work + "/serve")
        let p = try server.token(["--province", "11"]).token
        let vt = try server.token(["--carrier", "viettel"]).token
        let body = try Data(contentsOf: URL(fileURLWithPath: ServeDemoRun.submission))
        func submit() async throws -> Int {
            try await server.send("POST", "/api/v1/provinces/11/reviews", token: p, body: body, type: "text/csv").status
        }
        func orders() async throws -> HTTPReply {
            try await server.send("GET", "/api/v1/carriers/viettel/workorders.geojson", token: vt)
        }
        #expect(try await submit() == 201)
        #expect(try await orders().status == 200)
        // Touching a file (same bytes, new times) changes nothing.
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: run + "/communes.tif")
        #expect(try await submit() == 201)
        for name in ["communes.tif", "coverage_bits.tif", "coverage.gpkg", "workorders/viettel.geojson"] {
            let path = run + "/" + name
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            var changed = original
            changed[changed.count - 1] ^= 0xff
            try changed.write(to: URL(fileURLWithPath: path))
            let o = try await orders()
            #expect(o.status == 409 && o.text.contains(name), "\(name): \(o.status) \(o.text.prefix(300))")
            #expect(try await submit() == 409, "\(name)")
            try original.write(to: URL(fileURLWithPath: path))
            #expect(try await orders().status == 200, "\(name) restored")
        }
    }

    @Test func uploadsPastTheRowAndVertexCapsAreRefusedAndTheStoreIsPrivate() async throws {
        let server = try ServeProcess(runPath: try ServeDemoRun.path(), maxUploadMB: 10)
        let p = try server.token(["--province", "11"]).token
        // 100,001 short rows: 3 MB, well under the body limit.
        var csv = "province_code,commune_code,village_name,technology,reported,lon,lat\n"
        csv += String(repeating: "11,03158,a,4G,white,102.3,22.5\n", count: 100_001)
        let rows = try await server.send(
            "POST", "/api/v1/provinces/11/reviews", token: p, body: Data(csv.utf8), type: "text/csv")
        #expect(
            rows.status == 400 && rows.text.contains("more than 100000 rows"), "\(rows.status) \(rows.text.prefix(300))"
        )
        // One feature whose polygon has 1,000,001 vertices: 9 MB.
        var ring = String(repeating: "[102,22],", count: 1_000_000)
        ring += "[102,22]"
        let geojson =
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
            + "\"properties\":{\"province_code\":\"11\","
            + "\"commune_code\":\"03158\",\"village_name\":\"a\",\"technology\":\"4G\",\"reported\":\"white\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(ring)]]}}]}"
        let vertices = try await server.send(
            "POST", "/api/v1/provinces/11/reviews", token: p, body: Data(geojson.utf8),
            type: "application/geo+json")
        #expect(
            vertices.status == 400 && vertices.text.contains("1000000 vertices"),
            "\(vertices.status) \(vertices.text.prefix(300))")
        // Nothing was stored, and the store is the service's alone.
        #expect(
            ((try await server.send("GET", "/api/v1/provinces/11/reviews", token: p)).json as? [Any])?.isEmpty == true)
        let dataMode = try FileManager.default.attributesOfItem(atPath: server.dataDir)[.posixPermissions] as? Int
        let dbMode =
            try FileManager.default.attributesOfItem(atPath: server.dataDir + "/covgap.sqlite")[.posixPermissions]
            as? Int
        #expect(
            dataMode == 0o700 && dbMode == 0o600,
            "data_dir \(String(dataMode ?? 0, radix: 8)), covgap.sqlite \(String(dbMode ?? 0, radix: 8))")
    }
}
