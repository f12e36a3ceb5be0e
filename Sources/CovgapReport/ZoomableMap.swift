import CovgapAnalysis
import CovgapGrid
import CovgapKernel
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// The report's zoomable map, drawn by Leaflet (Debian's libjs-leaflet, inlined with the data, so it works offline and
/// fetches nothing) over no base map: commune outlines, each technology's dead zones (the focus technology's shown
/// first), the focus technology's white and weak villages, and the proposed shared masts, each a layer the reader can
/// switch in the legend. A click shows a zone's, commune's, village's or mast's figures; a zone's id in the tables
/// zooms the map to it. The static map above it stays for print.
public struct ZoomableMap {
    /// Where Debian's libjs-leaflet installs Leaflet.
    public static let leafletFolder = "/usr/share/javascript/leaflet"

    /// One technology's dead zones and their polygons (grid CRS, by raster value).
    public struct ZoneLayer {
        let scope: TechnologyScope
        let zones: [DeadZone]
        let geometries: [UInt32: WKBGeometry]

        /// Memberwise.
        public init(scope: TechnologyScope, zones: [DeadZone], geometries: [UInt32: WKBGeometry]) {
            self.scope = scope
            self.zones = zones
            self.geometries = geometries
        }
    }

    let statistics: [CommuneStatistics]
    let outlines: [WKBGeometry]
    let layers: [ZoneLayer]
    let focus: TechnologyScope
    let villages: [VillageResult]
    let masts: [[String]]
    let carrierNames: [String: String]
    let grid: AnalysisGrid
    let language: ReportLanguage

    /// The statistics of every scope, the commune outlines (grid CRS, by commune id − 1), the dead zones of each
    /// technology the run has, the focus technology, the villages, shared_sites.csv's rows and the carriers' names.
    public init(
        statistics: [CommuneStatistics], outlines: [WKBGeometry], layers: [ZoneLayer], focus: TechnologyScope,
        villages: [VillageResult], masts: [[String]], carrierNames: [String: String], grid: AnalysisGrid,
        language: ReportLanguage
    ) {
        self.statistics = statistics
        self.outlines = outlines
        self.layers = layers
        self.focus = focus
        self.villages = villages
        self.masts = masts
        self.carrierNames = carrierNames
        self.grid = grid
        self.language = language
    }

    /// The layers in the legend's order: the focus technology's zones first and shown, then the others' hidden.
    var orderedLayers: [ZoneLayer] {
        layers.filter { $0.scope == focus } + layers.filter { $0.scope != focus }
    }

    /// The map's HTML (styles, Leaflet, data, script), or nil when Leaflet is not installed.
    public func html() throws -> String? {
        let folder = ZoomableMap.leafletFolder
        guard let js = try? String(contentsOfFile: folder + "/leaflet.js", encoding: .utf8),
            let css = try? String(contentsOfFile: folder + "/leaflet.css", encoding: .utf8)
        else { return nil }
        let data = try ZoomableMapLayers(self)
        let vi = language == .vi
        let zoneLayers = try orderedLayers.enumerated().map { i, l in
            let (fill, edge) = ZoomableMap.zoneColours[l.scope] ?? ("#c81e2d", "#6e000a")
            let name = vi ? "Vùng lõm sóng \(language.scope(l.scope))" : "Dead zones, \(language.scope(l.scope))"
            return "{\"key\":\"\(l.scope.rawValue)\",\"name\":\(text(name)),\"fill\":\"\(fill)\",\"edge\":\"\(edge)\","
                + "\"on\":\(i == 0),\"fc\":\(try data.zones(l))}"
        }
        let focusName = language.scope(focus)
        let points = [
            (
                "white", vi ? "Thôn trắng sóng \(focusName)" : "White villages, \(focusName)", "#c81e2d", 4,
                data.villages(.white)
            ),
            (
                "weak", vi ? "Thôn sóng yếu \(focusName)" : "Weak villages, \(focusName)", "#f09614", 4,
                data.villages(.weak)
            ),
            ("masts", vi ? "Trạm dùng chung đề xuất" : "Proposed shared masts", "#6e28a0", 4, data.masts()),
        ].map { key, name, colour, radius, fc in
            "{\"key\":\"\(key)\",\"name\":\(text(name)),\"fill\":\"\(colour)\",\"radius\":\(radius),\"fc\":\(fc)}"
        }
        return ZoomableMap.page(
            css: css, js: js, labels: labels(),
            data: "{\"communes\":\(try data.communes()),\"zones\":[\(zoneLayers.joined(separator: ","))],"
                + "\"points\":[\(points.joined(separator: ","))]}", language: language)
    }

    /// Fill and edge colours of each technology's dead zones: the report's red for the focus 4G, orange for 3G, a
    /// dark plum for zones no technology covers.
    static let zoneColours: [TechnologyScope: (String, String)] = [
        .fourG: ("#c81e2d", "#6e000a"), .threeG: ("#e8891c", "#8a4a00"), .any: ("#4b1248", "#22001f"),
    ]

    private func labels() -> String {
        let vi = language == .vi
        return text([
            "people": vi ? "Dân số" : "People", "area": vi ? "Diện tích" : "Area",
            "covered": vi ? "Dân số có sóng" : "People covered", "households": vi ? "Số hộ" : "Households",
            "carriers": vi ? "Nhà mạng dùng chung" : "Carriers sharing",
            "gain": vi ? "Dân số được phủ thêm" : "People newly covered",
            "height": vi ? "Độ cao cột" : "Mast height",
        ])
    }

    private func text<T: Encodable>(_ value: T) -> String {
        String(decoding: (try? ZoomableMap.encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    /// Keys sorted, so the page's bytes do not depend on hashing; "/" escaped, so no text closes the script.
    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
