import CovgapTestSupport
@testable import CovgapAnalyze
@testable import CovgapModel
import Foundation
import GDALBridge
import Testing

@Suite struct ScaleAndDiskTests {
    /// 3,600 square communes (60 × 60 blocks of 3 × 3 cells, every shared edge overlapping by 10 m so the lower-code rule
    /// decides) and a patterned coverage raster: every output is byte-identical at 1, 2 and 4 threads with 64-cell tiles.
    @Test func thousandsOfCommunesGiveIdenticalOutputsAtAnyThreadCount() throws {
        let f = try Fixture()
        var items: [(code: String, box: (Double, Double, Double, Double))] = []
        for r in 0..<60 {
            for c in 0..<60 {
                let x = Double(c) * 300, y = Double(r) * 300
                items.append((String(format: "%05d", 10_000 + r * 60 + c), (x, y, x + 310, y + 310)))
            }
        }
        try f.communes(items)
        var mask = [UInt8](repeating: 0, count: 180 * 180)
        for i in mask.indices { mask[i] = (i &* 2_654_435_761 >> 7) % 5 == 0 || (i / 180 + i % 180) % 11 == 0 ? 0 : 1 }
        try f.raster("a.tif", columns: 180, rows: 180, values: mask)
        try f.config(coverage: ["{carrier: a, technology: 4G, path: a.tif, values: mask}"], minArea: 0, tileSize: 64)
        var cfg = try ConfigLoader.load(path: f.path("config.yaml"))
        for threads in [1, 2, 4] {
            cfg.output = f.path("out_\(threads)")
            _ = try AnalysisRun(config: cfg, threads: threads, logger: .init(label: "test")).run()
        }
        let rows = try Fixture.readCSV(f.path("out_1/commune_stats.csv"))
        #expect(rows.count == 3600 * 2)
        // Each commune holds exactly its own 3 × 3 cells: the overlaps went to the lower code, and no cell counts twice.
        #expect(rows.allSatisfy { $0["area_km2"] == "0.0900" })
        for name in try FileManager.default.contentsOfDirectory(atPath: f.path("out_1")) where name != "manifest.json" {
            let one = try Data(contentsOf: URL(fileURLWithPath: f.path("out_1/\(name)")))
            for t in [2, 4] {
                #expect(
                    one == (try Data(contentsOf: URL(fileURLWithPath: f.path("out_\(t)/\(name)")))),
                    "\(name) at \(t) threads")
            }
        }
    }

    static var canMount: Bool {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("covgap-mount-probe-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard (try? ExternalTools.run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe])) != nil else {
            return false
        }
        _ = try? ExternalTools.run("umount", [probe])
        return true
    }

    /// A 96 KiB tmpfs as the output's file system: the run fails with exit 1 and a plain message, leaving nothing there.
    /// (Needs mount rights, as root on the project's machines; elsewhere the test is skipped, saying so.)
    @Test(.enabled(if: ScaleAndDiskTests.canMount, "mounting a tmpfs needs root")) func aFullDiskLeavesNothingBehind()
        throws
    {
        let f = try Fixture()
        try f.communes([("00001", (0, 0, 3000, 3000))])
        try f.raster("a.tif", columns: 30, rows: 30, values: (0..<900).map { UInt8($0 % 3 == 0 ? 0 : 1) })
        try f.config(coverage: ["{carrier: a, technology: 4G, path: a.tif, values: mask}"], minArea: 0)
        try FileManager.default.createDirectory(atPath: f.path("disk"), withIntermediateDirectories: true)
        try ExternalTools.run("mount", ["-t", "tmpfs", "-o", "size=96k", "tmpfs", f.path("disk")])
        defer { _ = try? ExternalTools.run("umount", [f.path("disk")]) }
        let r = try CovgapCLI.run(["analyze", f.path("config.yaml"), "--output", f.path("disk/out")])
        #expect(r.code == 1, "\(r.stderr)")
        #expect(r.stderr.contains("no space left on the device"), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: f.path("disk")).isEmpty, "the full disk holds leftovers"
        )
    }
}
