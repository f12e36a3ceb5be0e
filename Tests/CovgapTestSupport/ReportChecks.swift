import Foundation
import GDALBridge
import Testing

/// report.html: self-contained, figures equal to the CSV, a map that is not blank, Vietnamese by default.
public enum ReportChecks {
    /// Checks the report of the run at `out` against its commune_stats.csv.
    public static func check(out: String, communes: Int) throws {
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        let rows = try Fixture.readCSV(out + "/commune_stats.csv")
        // Headline: people with no carrier, per technology, equal to the CSV's sum (each CSV row is rounded on its
        // own).
        for scope in ["3G", "4G", "ANY"] {
            let csv = rows.filter { $0["technology"] == scope }.reduce(0) {
                $0 + Double($1["population_notspot_total"]!)!
            }
            // The figure's label is the technology in words (ANY: "mọi công nghệ").
            let label = scope == "ANY" ? "mọi công nghệ" : scope
            let marker = "data-scope=\"\(scope)\">\(label)<b data-people-without=\""
            let shown = try #require(
                html.range(of: marker).map { Double(html[$0.upperBound...].prefix { $0.isNumber })! }, "\(scope) figure"
            )
            #expect(abs(shown - csv) <= Double(communes) / 2, "\(scope): report \(shown), CSV \(csv)")
        }
        // Self-contained: nothing fetched from elsewhere. The inlined Leaflet's code names web addresses in strings
        // (its own site, XML namespaces) that it never fetches; outside scripts there are none at all.
        let markup = html.replacingOccurrences(
            of: "<script>[\\s\\S]*?</script>", with: "", options: .regularExpression)
        #expect(
            !markup.contains("src=") && !markup.contains("<link") && !html.contains("url(http")
                && !markup.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        #expect(html.contains("Báo cáo vùng lõm sóng") && html.contains("<html lang=\"vi\">"))
        #expect(html.components(separatedBy: "<tr><td>").count - 1 >= min(20, communes), "tables have rows")
        // The map: a PNG that GDAL reads, with at least three colours (coverage classes and the transparent outside).
        let b64 = try #require(
            html.range(of: "data:image/png;base64,").map { String(html[$0.upperBound...].prefix { $0 != "\"" }) })
        let png = try #require(Data(base64Encoded: b64))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "covgap-report-map-\(UUID().uuidString).png"
        ).path
        try png.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ds = try RasterDataset.open(path)
        #expect(ds.bandCount == 4 && ds.width > 100)
        let window = PixelWindow(column: 0, row: 0, width: ds.width, height: ds.height)
        let r: [UInt8] = try ds.band(1).read(window), a: [UInt8] = try ds.band(4).read(window)
        #expect(Set(zip(r, a).map { "\($0.0)/\($0.1)" }).count >= 3, "the map is not blank")
        // The sharing section: its figures equal the files beside it.
        if FileManager.default.fileExists(atPath: out + "/shared_sites.csv") {
            func figure(_ attribute: String) -> Int? {
                html.range(of: "\(attribute)=\"").map { Int(html[$0.upperBound...].prefix { $0.isNumber })! }
            }
            #expect(figure("data-masts") == (try Fixture.readCSV(out + "/shared_sites.csv")).count)
            #expect(figure("data-clusters") == (try Fixture.readCSV(out + "/colocation_clusters.csv")).count)
            let partial4G = try Fixture.readGeoJSONProperties(out + "/partial_notspots.geojson").filter {
                $0["technology"] as? String == "4G"
            }.count
            #expect(figure("data-partial") == partial4G)
        }
    }
}
