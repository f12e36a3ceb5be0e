import CovgapTestSupport
@testable import CovgapGrid
@testable import CovgapModel
@testable import CovgapSupport
import Foundation
import Testing

/// Villages on a 5×5 grid of 100 m cells (EPSG:6933), carrier a (4G mask). Rows count from the top.
///
///     a:  0 1 0 1 1      not-spots (0): (0,0), (0,2), (1,1), (2,0)
///         1 0 1 1 1      V1 at the centre of (2,2): the 13 cells with centres within 210 m (√5 cells = 224 m is out) are (0,2), (1,1…3), (2,0…4),
///         0 1 1 1 1      (3,1…3), (4,2); three of them are not-spots: share 3/13 = 0.231 → weak at 20%, covered at 25%.
///         1 1 1 1 1      V2 at (0,0): not covered → white. V3 at (3,3): its 11 cells in the grid hold no not-spot → covered.
///         1 1 1 1 1      V4 lies 5 km east of the grid → outside.
@Suite struct VillageTests {
    func run(weakShare: Double) throws -> (villages: [[String: String]], stats: [[String: String]]) {
        let f = try Fixture()
        try f.communes([("00001", (0, 0, 500, 500))])
        let mask: [UInt8] = [0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        try f.raster("a.tif", columns: 5, rows: 5, values: mask)
        func point(_ code: String, _ name: String, _ x: Double, _ y: Double, commune: String = "00001") -> String {
            """
            {"type":"Feature","properties":{"village_code":"\(code)","village_name":"\(name)","commune_code":"\(commune)","households":40},\
            "geometry":{"type":"Point","coordinates":[\(Fixture.x0 + x),\(Fixture.y0 + y)]}}
            """
        }
        let villages = [
            point("V1", "Bản Mường", 250, 250), point("V2", "Bản Nà Ơ", 50, 450),
            point("V3", "Thôn Ba", 350, 150, commune: "09999"),
            point("V4", "Bản Xa", 5250, 250),
        ]
        try """
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::6933"}},"features":[\(villages.joined(separator: ","))]}
        """.write(toFile: f.path("villages.geojson"), atomically: true, encoding: .utf8)
        try f.config(
            coverage: ["{carrier: a, technology: 4G, path: a.tif, values: mask}"],
            extra: "villages: {path: villages.geojson, weak_radius_m: 210, weak_share: \(weakShare)}\n")
        let stats = try f.analyze()
        return (try Fixture.readCSV(f.path("out/villages.csv")), stats)
    }

    @Test func classifiesWhiteWeakCoveredAndOutside() throws {
        let (v, stats) = try run(weakShare: 0.2)
        let byCode = Dictionary(uniqueKeysWithValues: v.map { ($0["village_code"]!, $0) })
        #expect(byCode["V1"]?["class_4G"] == "weak" && byCode["V1"]?["notspot_share_4G"] == "0.231")
        #expect(byCode["V1"]?["carriers_4G"] == "a" && byCode["V1"]?["village_name"] == "Bản Mường")
        #expect(byCode["V2"]?["class_4G"] == "white" && byCode["V2"]?["carriers_4G"] == "")
        #expect(byCode["V3"]?["class_4G"] == "covered" && byCode["V3"]?["notspot_share_4G"] == "0.000")
        // V3's given commune 09999 is not in the run: it counts where it lies.
        #expect(byCode["V3"]?["commune_code"] == "00001" && byCode["V3"]?["located_commune_code"] == "00001")
        #expect(byCode["V4"]?["class_4G"] == "outside" && byCode["V4"]?["located_commune_code"] == "")
        #expect(byCode["V1"]?["class_ANY"] == "weak" && byCode["V1"]?["class_3G"] == nil, "no 3G layers: no 3G columns")
        let row = try #require(stats.row("00001", "4G"))
        #expect(row["white_villages"] == "1" && row["weak_villages"] == "1")
    }

    @Test func theShareThresholdDecidesWeak() throws {
        let (v, stats) = try run(weakShare: 0.25)
        #expect(v.first { $0["village_code"] == "V1" }?["class_4G"] == "covered")
        #expect(stats.row("00001", "4G")?["weak_villages"] == "0")
    }

    @Test func readsCSVWithBOMAndWindowsLineEndings() throws {
        let f = try Fixture()
        let text =
            "\u{FEFF}village_code,village_name,lon,lat,households,has_grid_power\r\nV1,Bản Huổi Só,103.1,21.2,52,có\r\nV2,Thôn Ảng,103.2,21.3,,no\r\n"
        try text.write(toFile: f.path("v.csv"), atomically: true, encoding: .utf8)
        let input = VillageInput(
            path: f.path("v.csv"), layer: nil, codeField: "village_code", nameField: "village_name",
            communeCodeField: "commune_code", householdsField: "households", gridPowerField: "has_grid_power",
            difficultAreaField: "especially_difficult_area", lonField: "lon", latField: "lat", explicitKeys: [],
            weakShare: 0.2, weakRadiusMetres: 500)
        let v = try VillageLoader.load(input)
        #expect(v.map(\.name) == ["Bản Huổi Só", "Thôn Ảng"])
        #expect(v[0].households == 52 && v[1].households == nil)
        #expect(v[0].hasGridPower == true && v[1].hasGridPower == false && v[0].givenCommuneCode == nil)
        #expect(v[1].lon == 103.2 && v[1].lat == 21.3)
        // Without a BOM and with LF endings the same rows come back.
        try text.dropFirst().replacingOccurrences(of: "\r\n", with: "\n").write(
            toFile: f.path("v.csv"), atomically: true, encoding: .utf8)
        #expect(try VillageLoader.load(input).map(\.name) == ["Bản Huổi Só", "Thôn Ảng"])
    }

    @Test func refusesDuplicateCodesAndSwappedCoordinates() throws {
        let f = try Fixture()
        let input = VillageInput(
            path: f.path("v.csv"), layer: nil, codeField: "village_code", nameField: "village_name",
            communeCodeField: "commune_code", householdsField: "households", gridPowerField: "has_grid_power",
            difficultAreaField: "especially_difficult_area", lonField: "lon", latField: "lat", explicitKeys: [],
            weakShare: 0.2, weakRadiusMetres: 500)
        try "village_code,village_name,lon,lat\nV1,A,103.1,21.2\nV1,B,103.2,21.3\n".write(
            toFile: f.path("v.csv"), atomically: true, encoding: .utf8)
        let duplicate = try #require(throws: InputError.self) { try VillageLoader.load(input) }
        #expect("\(duplicate)".contains("row 2") && "\(duplicate)".contains("appears again"))
        try "village_code,village_name,lon,lat\nV1,A,21.2,103.1\n".write(
            toFile: f.path("v.csv"), atomically: true, encoding: .utf8)
        let swapped = try #require(throws: InputError.self) { try VillageLoader.load(input) }
        #expect("\(swapped)".contains("swapped"))
        // Found by fuzzing: households of 1e20 trapped the Int conversion; now refused.
        try "village_code,village_name,lon,lat,households\nV1,A,103.1,21.2,99999999999999999999\n".write(
            toFile: f.path("v.csv"), atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try VillageLoader.load(input) }
    }
}
