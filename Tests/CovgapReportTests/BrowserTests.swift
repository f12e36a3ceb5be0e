import CovgapTestSupport
@testable import CovgapReport
import Foundation
import GDALBridge
import Testing

/// Opens report.html in headless Chromium (Debian's package; scripts/install-deps.sh --test installs it, so CI runs
/// this): no console errors, the figures in the rendered page equal the CSV, and the map is drawn.
@Suite struct BrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static var required: Bool { chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    static func chrome(_ args: [String]) throws -> (code: Int32, stdout: String, stderr: String) {
        let binary = try #require(chromium, "Chromium is not installed (apt-get install chromium)")
        return try ExternalTools.capture(
            binary,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--enable-logging=stderr", "--v=0",
            ] + args, timeout: 90)
    }

    @Test(.enabled(if: BrowserTests.required, "Chromium is not installed here"))
    func theReportRendersWithItsFiguresAndMap() throws {
        let f = try Fixture()
        try f.communes([("00001", (0, 0, 1500, 1500)), ("00002", (1500, 0, 3000, 1500))])
        // a covers all but the left third; b only the right half: dead zones, partial and full coverage on the map.
        let a = (0..<450).map { UInt8($0 % 30 < 10 ? 0 : 1) }, b = (0..<450).map { UInt8($0 % 30 >= 15 ? 1 : 0) }
        try f.raster("a.tif", columns: 30, rows: 15, values: a)
        try f.raster("b.tif", columns: 30, rows: 15, values: b)
        try f.config(coverage: [
            "{carrier: a, technology: 4G, path: a.tif, values: mask}",
            "{carrier: b, technology: 4G, path: b.tif, values: mask}",
        ])
        #expect(try CovgapCLI.run(["analyze", f.path("config.yaml"), "--quiet"]).code == 0)
        let url = "file://" + f.path("out/report.html")

        let dom = try BrowserTests.chrome(["--dump-dom", url])
        #expect(dom.code == 0)
        let console = dom.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")
        let rows = try Fixture.readCSV(f.path("out/commune_stats.csv")).filter { $0["technology"] == "4G" }
        let people = rows.reduce(0) { $0 + Double($1["population_notspot_total"]!)! }
        #expect(
            dom.stdout.contains("data-scope=\"4G\">4G<b data-people-without=\"\(Int(people))\""),
            "4G figure in the rendered page")
        #expect(
            dom.stdout.contains("Báo cáo vùng lõm sóng")
                && dom.stdout.contains("<table class=\"sortable\" id=\"worst\">"))

        let shot = f.path("shot.png")
        _ = try BrowserTests.chrome(["--window-size=1000,1400", "--screenshot=\(shot)", url])
        let ds = try RasterDataset.open(shot)
        let window = PixelWindow(column: 0, row: 0, width: ds.width, height: ds.height)
        let (r, g, b2): ([UInt8], [UInt8], [UInt8]) = (
            try ds.band(1).read(window), try ds.band(2).read(window), try ds.band(3).read(window)
        )
        func present(_ c: (r: UInt8, g: UInt8, b: UInt8)) -> Bool {
            (0..<r.count).contains {
                abs(Int(r[$0]) - Int(c.r)) < 12 && abs(Int(g[$0]) - Int(c.g)) < 12 && abs(Int(b2[$0]) - Int(c.b)) < 12
            }
        }
        // The map's three classes are on screen: every carrier (green), some (amber), none (red).
        for (name, colour) in zip(["all", "partial", "none"], CoverageMap.colors.prefix(3)) {
            #expect(present(colour), "map colour for \(name)")
        }
    }
}
