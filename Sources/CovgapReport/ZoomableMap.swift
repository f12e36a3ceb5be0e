import CovgapAnalysis
import CovgapGrid
import CovgapKernel
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// The report's zoomable map: the communes and the focus technology's dead zones drawn by Leaflet (Debian's
/// libjs-leaflet, inlined with the data, so it works offline and fetches nothing), over no base map. A click on a zone
/// shows its id, commune, people and area; on a commune, its share of people covered. Polygons are simplified to one
/// grid cell and written with 5 decimals (about 1 m). The static map above it stays for print.
public struct ZoomableMap {
    /// Where Debian's libjs-leaflet installs Leaflet.
    public static let leafletFolder = "/usr/share/javascript/leaflet"

    let statistics: [CommuneStatistics]
    let outlines: [WKBGeometry]
    let zones: [DeadZone]
    let geometries: [UInt32: WKBGeometry]
    let grid: AnalysisGrid
    let language: ReportLanguage

    /// Memberwise: the focus scope's statistics and zones, with the outlines and zone polygons in the grid CRS.
    public init(
        statistics: [CommuneStatistics], outlines: [WKBGeometry], zones: [DeadZone],
        geometries: [UInt32: WKBGeometry], grid: AnalysisGrid, language: ReportLanguage
    ) {
        self.statistics = statistics
        self.outlines = outlines
        self.zones = zones
        self.geometries = geometries
        self.grid = grid
        self.language = language
    }

    /// The map's HTML (styles, Leaflet, data, script), or nil when Leaflet is not installed.
    public func html() throws -> String? {
        let folder = ZoomableMap.leafletFolder
        guard let js = try? String(contentsOfFile: folder + "/leaflet.js", encoding: .utf8),
            let css = try? String(contentsOfFile: folder + "/leaflet.css", encoding: .utf8)
        else { return nil }
        let toLonLat = try CoordinateTransform(from: try SpatialReference(wkt: grid.crsWKT), to: .wgs84())
        let vi = language == .vi
        let communes = try statistics.map { r -> String in
            let props = [
                "name": r.commune.name, "code": r.commune.code,
                "covered": language.number(r.pctPopulationCovered, decimals: 1) + "%",
            ]
            return try feature(outlines[r.commune.id - 1], props, toLonLat)
        }
        let names = Dictionary(statistics.map { ($0.commune.id, $0.commune) }, uniquingKeysWith: { a, _ in a })
        let zoneFeatures = try zones.compactMap { z -> String? in
            guard let g = geometries[z.rasterValue], let c = names[z.commune] else { return nil }
            let props = [
                "id": "DZ-\(z.scope.rawValue)-\(c.code)-\(z.number)", "commune": c.name,
                "people": language.number((Double(z.piece.population) / CommuneTally.populationScale).rounded()),
                "area": language.number(Double(z.piece.area) / CommuneTally.areaScale / 1e6, decimals: 2) + " km²",
            ]
            return try feature(g, props, toLonLat)
        }
        let labels = [
            "people": vi ? "Dân số" : "People", "area": vi ? "Diện tích" : "Area",
            "covered": vi ? "Dân số có sóng" : "People covered",
        ]
        let labelsJSON = String(decoding: try ZoomableMap.encoder.encode(labels), as: UTF8.self)
        return """
            <style>\(css.replacingOccurrences(of: "</", with: "<\\/"))
            #zoommap{height:560px;border:1px solid #ccc;background:#f7f7f4}
            @media print{#zoommap,.zoomnote{display:none}}
            </style>
            <div id="zoommap" role="region" aria-label="\(vi ? "Bản đồ thu phóng" : "Zoomable map")"></div>
            <p class="zoomnote hint">\(vi
                ? "Cuộn để phóng to; bấm vào một vùng lõm hoặc một xã để xem số liệu."
                : "Scroll to zoom; click a dead zone or a commune for its figures.")</p>
            <script>\(js.replacingOccurrences(of: "</script", with: "<\\/script"))</script>
            <script>
            (function () {
              var communes = {"type":"FeatureCollection","features":[\(communes.joined(separator: ","))]};
              var zones = {"type":"FeatureCollection","features":[\(zoneFeatures.joined(separator: ","))]};
              var t = \(labelsJSON);
              function esc(s) { var d = document.createElement("div"); d.textContent = s; return d.innerHTML; }
              var map = L.map("zoommap", {attributionControl: false, zoomSnap: 0.25});
              var c = L.geoJSON(communes, {style: {color: "#333", weight: 1, fill: true, fillOpacity: 0.02},
                onEachFeature: function (f, l) { l.bindPopup("<b>" + esc(f.properties.name) + "</b> (" +
                  esc(f.properties.code) + ")<br>" + t.covered + ": " + esc(f.properties.covered)); }}).addTo(map);
              var byId = {};
              L.geoJSON(zones, {style: {color: "#6e000a", weight: 0.8, fillColor: "#c81e2d", fillOpacity: 0.75},
                onEachFeature: function (f, l) { byId[f.properties.id] = l; l.bindPopup("<b>" + esc(f.properties.id) +
                  "</b><br>" + esc(f.properties.commune) + "<br>" + t.people + ": " + esc(f.properties.people) +
                  "<br>" + t.area + ": " + esc(f.properties.area)); }}).addTo(map);
              map.fitBounds(c.getBounds());
              L.control.scale({imperial: false}).addTo(map);
              // A zone's id in the tables (further down the page) links here: the map zooms to the zone and opens
              // its figures.
              document.addEventListener("click", function (e) {
                var a = e.target.closest && e.target.closest("a[data-zone]");
                var l = a && byId[a.getAttribute("data-zone")];
                if (l) { map.fitBounds(l.getBounds(), {maxZoom: 14}); l.openPopup(); }
              });
            })();
            </script>

            """
    }

    /// Keys sorted, so the page's bytes do not depend on hashing; "/" escaped, so no text closes the script.
    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }

    /// One GeoJSON feature: `wkb` (grid CRS) simplified to a cell, in lon/lat, with text properties.
    private func feature(
        _ wkb: WKBGeometry, _ props: [String: String], _ toLonLat: CoordinateTransform
    ) throws
        -> String
    {
        let g = try Geometry(wkb)
        let simple = g.simplified(tolerance: abs(grid.geoTransform.pixelWidth)) ?? g
        try simple.transform(toLonLat)
        let p = String(decoding: try ZoomableMap.encoder.encode(props), as: UTF8.self)
        return "{\"type\":\"Feature\",\"properties\":\(p),\"geometry\":\(simple.geoJSON(precision: 5))}"
    }
}
