import CovgapTestSupport
import Foundation
import Testing

/// Run folders damaged in every way a folder on a shared disk can be: each is published through real HTTP
/// (`POST /api/v1/runs`) and named as `run:` at start-up. Every one must be refused with 422 (or a non-zero exit)
/// naming the file and the fault, and the server must keep answering: no crash, no hang, nothing published.
@Suite(.serialized) struct BrokenRunTests {
    /// One way of breaking a copy of the demo run; `expect` is what the refusal must say.
    struct Damage: Sendable, CustomStringConvertible {
        let description: String
        let expect: String
        let apply: @Sendable (_ run: String, _ dataDir: String) throws -> Void
    }

    static func python(_ script: String, _ args: [String]) throws {
        let r = try ExternalTools.capture("/usr/bin/python3", ["-c", script] + args)
        guard r.code == 0 else { throw ExternalTools.Failure(description: "python: \(r.stderr)") }
    }

    /// Edits a layer of coverage.gpkg with GDAL's Python bindings (the GeoPackage triggers need its SQL functions).
    static func editGPKG(_ run: String, _ body: String) throws {
        try python(
            """
            import sys
            from osgeo import ogr
            ds = ogr.Open(sys.argv[1], 1)
            \(body)
            ds = None
            """, [run + "/coverage.gpkg"])
    }

    static func editManifest(_ run: String, _ change: @Sendable (inout [String: Any]) -> Void) throws {
        let url = URL(fileURLWithPath: run + "/manifest.json")
        var m = try JSONSerialization.jsonObject(with: try Data(contentsOf: url)) as! [String: Any]
        change(&m)
        try JSONSerialization.data(withJSONObject: m).write(to: url)
    }

    static let fm = FileManager.default

    static let corpus: [Damage] = [
        Damage(description: "no manifest", expect: "not a finished covgap run") { r, _ in
            try fm.removeItem(atPath: r + "/manifest.json")
        },
        Damage(description: "manifest not JSON", expect: "manifest.json: cannot be read") { r, _ in
            try Data("{\"tool\": \"covgap\"".utf8).write(to: URL(fileURLWithPath: r + "/manifest.json"))
        },
        Damage(description: "grid of 10^12 columns", expect: "describes no grid") { r, _ in
            try editManifest(r) { m in
                var g = m["grid"] as! [String: Any]
                g["width"] = 1_000_000_000_000
                m["grid"] = g
            }
        },
        Damage(description: "CRS naming a file", expect: "CRS that cannot be read") { r, _ in
            try editManifest(r) { m in
                var g = m["grid"] as! [String: Any]
                g["crsWKT"] = "/etc/passwd"
                m["grid"] = g
            }
        },
        Damage(description: "no coverage.gpkg", expect: "lacks coverage.gpkg") { r, _ in
            try fm.removeItem(atPath: r + "/coverage.gpkg")
        },
        Damage(description: "no communes.tif", expect: "lacks communes.tif") { r, _ in
            try fm.removeItem(atPath: r + "/communes.tif")
        },
        Damage(description: "field missing", expect: "lacks the field 'commune_name'") { r, _ in
            try editGPKG(
                r, "l = ds.GetLayerByName('communes'); l.DeleteField(l.GetLayerDefn().GetFieldIndex('commune_name'))")
        },
        Damage(description: "field of the wrong type", expect: "is String, covgap writes a number there") { r, _ in
            let tmp = r + "/../retyped-\(UUID().uuidString).gpkg"
            try ExternalTools.run(
                "ogr2ogr",
                ["-f", "GPKG", tmp, r + "/coverage.gpkg", "-mapFieldType", "Integer=String,Integer64=String"])
            try fm.removeItem(atPath: r + "/coverage.gpkg")
            try fm.moveItem(atPath: tmp, toPath: r + "/coverage.gpkg")
        },
        Damage(description: "dead zone without geometry", expect: "has no polygon") { r, _ in
            try editGPKG(
                r,
                "l = ds.GetLayerByName('dead_zones'); f = l.GetNextFeature(); "
                    + "f.SetGeometryDirectly(None); l.SetFeature(f)"
            )
        },
        Damage(description: "commune id out of sequence", expect: "commune ids do not run") { r, _ in
            try editGPKG(
                r,
                "l = ds.GetLayerByName('communes'); l.SetAttributeFilter('commune_id = 1'); "
                    + "f = l.GetNextFeature(); f.SetField('commune_id', 999); l.SetFeature(f)"
            )
        },
        Damage(description: "commune code twice", expect: "appears twice") { r, _ in
            try editGPKG(
                r,
                """
                l = ds.GetLayerByName('communes'); l.SetAttributeFilter('commune_id = 1')
                code = l.GetNextFeature().GetField('commune_code'); l.SetAttributeFilter('commune_id = 2')
                f = l.GetNextFeature(); f.SetField('commune_code', code); l.SetFeature(f)
                """)
        },
        Damage(description: "edited after the run", expect: "differs from what covgap wrote") { r, _ in
            try editGPKG(
                r,
                "l = ds.GetLayerByName('communes'); f = l.GetNextFeature(); f.SetField('commune_name', 'X'); "
                    + "l.SetFeature(f)"
            )
        },
        Damage(description: "coverage.gpkg a symbolic link", expect: "is a symbolic link") { r, _ in
            let elsewhere = r + "/../elsewhere-\(UUID().uuidString).gpkg"
            try fm.moveItem(atPath: r + "/coverage.gpkg", toPath: elsewhere)
            try fm.createSymbolicLink(atPath: r + "/coverage.gpkg", withDestinationPath: elsewhere)
        },
        Damage(description: "workorders folder a symbolic link", expect: "is a symbolic link") { r, _ in
            let elsewhere = r + "/../orders-\(UUID().uuidString)"
            try fm.moveItem(atPath: r + "/workorders", toPath: elsewhere)
            try fm.createSymbolicLink(atPath: r + "/workorders", withDestinationPath: elsewhere)
        },
        Damage(description: "coverage.gpkg an OGR VRT reading the store", expect: "is not a GeoPackage covgap wrote") {
            r, data in
            try fm.removeItem(atPath: r + "/coverage.gpkg")
            let vrt =
                "<OGRVRTDataSource><OGRVRTLayer name=\"communes\"><SrcDataSource>\(data)/covgap.sqlite</SrcDataSource>"
                + "<SrcSQL>SELECT id AS commune_id, secret_sha256 AS commune_name FROM tokens</SrcSQL>"
                + "</OGRVRTLayer></OGRVRTDataSource>"
            try Data(vrt.utf8).write(to: URL(fileURLWithPath: r + "/coverage.gpkg"))
        },
        Damage(description: "coverage.gpkg a FIFO", expect: "is not a regular file") { r, _ in
            try fm.removeItem(atPath: r + "/coverage.gpkg")
            guard mkfifo(r + "/coverage.gpkg", 0o600) == 0 else {
                throw ExternalTools.Failure(description: "mkfifo failed")
            }
        },
        Damage(description: "communes.tif of another size", expect: "cells but the run's grid is") { r, _ in
            try ExternalTools.run(
                "gdal_translate", ["-q", "-outsize", "50%", "50%", r + "/communes.tif", r + "/half.tif"])
            try fm.removeItem(atPath: r + "/communes.tif")
            try fm.moveItem(atPath: r + "/half.tif", toPath: r + "/communes.tif")
        },
        Damage(description: "communes.tif of another type", expect: "is Byte, covgap writes UInt32") { r, _ in
            try ExternalTools.run("gdal_translate", ["-q", "-ot", "Byte", r + "/communes.tif", r + "/byte.tif"])
            try fm.removeItem(atPath: r + "/communes.tif")
            try fm.moveItem(atPath: r + "/byte.tif", toPath: r + "/communes.tif")
        },
        Damage(description: "coverage_bits.tif truncated", expect: "coverage_bits.tif") { r, _ in
            try truncate(r + "/coverage_bits.tif", to: 200)
        },
        Damage(
            description: "work orders truncated", expect: "workorders/viettel.geojson: differs from what covgap wrote"
        ) { r, _ in
            try truncate(r + "/workorders/viettel.geojson", to: 500)
        },
        Damage(
            description: "work orders not JSON, ledger gone",
            expect: "viettel.geojson is not a GeoJSON FeatureCollection"
        ) { r, _ in
            try Data("{\"type\": \"FeatureCollection\", \"features\": [".utf8).write(
                to: URL(fileURLWithPath: r + "/workorders/viettel.geojson"))
            try fm.removeItem(atPath: r + "/workorders/manifest.json")
        },
        Damage(description: "work order without id", expect: "feature 1 has no work_order_id") { r, _ in
            try setFirstOrderId(r + "/workorders/viettel.geojson", to: nil)
            // The workorders manifest would refuse the edit too: this case is about the structure, so drop its ledger.
            try fm.removeItem(atPath: r + "/workorders/manifest.json")
        },
        Damage(
            description: "order areas changed",
            expect: "workorders/viettel_areas.geojson: differs from what covgap wrote"
        ) { r, _ in
            try truncate(r + "/workorders/viettel_areas.geojson", to: 300)
        },
        Damage(
            description: "an area of no order, ledger gone", expect: "feature 1 is not an order of viettel.geojson"
        ) { r, _ in
            try setFirstOrderId(r + "/workorders/viettel_areas.geojson", to: "WO-not-an-order")
            try fm.removeItem(atPath: r + "/workorders/manifest.json")
        },
    ]

    /// Cuts the file at `path` to its first `bytes` bytes.
    static func truncate(_ path: String, to bytes: UInt64) throws {
        let h = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try h.truncate(atOffset: bytes)
        try h.close()
    }

    /// Rewrites the work-order GeoJSON at `path` with its first feature's `work_order_id` set to `id` (nil: removed).
    static func setFirstOrderId(_ path: String, to id: String?) throws {
        let url = URL(fileURLWithPath: path)
        var root = try JSONSerialization.jsonObject(with: try Data(contentsOf: url)) as! [String: Any]
        var features = root["features"] as! [[String: Any]]
        var p = features[0]["properties"] as! [String: Any]
        p["work_order_id"] = id
        features[0]["properties"] = p
        root["features"] = features
        try JSONSerialization.data(withJSONObject: root).write(to: url)
    }

    /// A private copy of the demo run in `parent`.
    static func copyRun(into parent: String) throws -> String {
        let run = parent + "/run-\(UUID().uuidString.prefix(8))"
        try fm.copyItem(atPath: try ServeDemoRun.path(), toPath: run)
        return run
    }

    @Test func everyBrokenRunIsRefusedWith422AndTheServerStaysUp() async throws {
        let server = try ServeProcess(runPath: nil)
        let analyst = try server.token(["--analyst"]).token
        for damage in BrokenRunTests.corpus {
            let run = try BrokenRunTests.copyRun(into: server.workDir)
            try damage.apply(run, server.dataDir)
            let r = try await server.send(
                "POST", "/api/v1/runs", token: analyst,
                body: try JSONSerialization.data(withJSONObject: ["path": run]), type: "application/json")
            #expect(r.status == 422, "\(damage): \(r.status) \(r.text)")
            let message = (r.object["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains(damage.expect), "\(damage): \(message)")
            #expect(
                !message.contains(".scratch") && !message.contains(".partial-"),
                "\(damage): names a scratch path: \(message)")
            let list = try await server.send("GET", "/api/v1/runs", token: analyst)
            #expect(
                list.status == 200 && (list.json as? [Any])?.isEmpty == true,
                "\(damage): server down or a run published")
        }
        // A run inside the service's own data folder is refused even when intact.
        let inside = try BrokenRunTests.copyRun(into: server.dataDir)
        let r = try await server.send(
            "POST", "/api/v1/runs", token: analyst,
            body: try JSONSerialization.data(withJSONObject: ["path": inside]), type: "application/json")
        #expect(r.status == 422 && r.text.contains("overlaps the service's data folder"), "\(r.text)")
        // And the intact run still publishes.
        let good = try await server.send(
            "POST", "/api/v1/runs", token: analyst,
            body: try JSONSerialization.data(withJSONObject: ["path": try ServeDemoRun.path()]),
            type: "application/json")
        #expect(good.status == 201, "\(good.text)")
    }

    @Test func everyBrokenRunNamedAtStartUpStopsTheServerWithTheCause() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("covgap-broken-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        for damage in BrokenRunTests.corpus {
            let run = try BrokenRunTests.copyRun(into: work)
            try damage.apply(run, work + "/data")
            let config = work + "/serve.yaml"
            try "listen: {host: 127.0.0.1, port: 0}\ndata_dir: \(work)/data\nrun: \(run)\n".write(
                toFile: config, atomically: true, encoding: .utf8)
            let r = try ExternalTools.capture(CovgapCLI.binary, ["serve", "--config", config, "--quiet"], timeout: 60)
            #expect(r.code != 0 && r.stderr.contains(damage.expect), "\(damage): exit \(r.code): \(r.stderr)")
            #expect(!r.stderr.contains("Fatal error"), "\(damage): crashed: \(r.stderr)")
        }
    }
}
