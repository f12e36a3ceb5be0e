import CovgapAnalysis
import CovgapGrid
import CovgapKernel
import CovgapModel
import CovgapPlanning
import CovgapSupport
import Foundation
import GDALBridge

/// The GeoJSON the zoomable map draws, built from the run's results: commune outlines with each technology's share of
/// people covered, each technology's dead zones, the focus technology's white and weak villages, and the proposed
/// shared masts. Polygons are simplified to one grid cell and written with 5 decimals (about 1 m), in lon/lat.
struct ZoomableMapLayers {
    let map: ZoomableMap
    let toLonLat: CoordinateTransform
    /// Communes by their 1-based id, for the names in popups.
    let communesById: [Int: Commune]

    init(_ map: ZoomableMap) throws {
        self.map = map
        toLonLat = try CoordinateTransform(from: try SpatialReference(wkt: map.grid.crsWKT), to: .wgs84())
        communesById = Dictionary(map.statistics.map { ($0.commune.id, $0.commune) }, uniquingKeysWith: { a, _ in a })
    }

    private var language: ReportLanguage { map.language }

    /// Every commune's outline; its popup lists the share of people covered per technology.
    func communes() throws -> String {
        let byCommune = Dictionary(grouping: map.statistics, by: { $0.commune.id })
        let features = try byCommune.keys.sorted().map { id -> String in
            let rows = byCommune[id]!.sorted { $0.scope.index < $1.scope.index }
            let c = rows[0].commune
            let covered = rows.map {
                language.scope($0.scope) + " " + language.number($0.pctPopulationCovered, decimals: 1) + "%"
            }
            return try feature(
                polygon: map.outlines[id - 1],
                ["name": c.name, "code": c.code, "covered": covered.joined(separator: " · ")])
        }
        return collection(features)
    }

    /// One technology's dead zones, with the figures the report's tables give.
    func zones(_ layer: ZoomableMap.ZoneLayer) throws -> String {
        collection(
            try layer.zones.compactMap { z -> String? in
                guard let g = layer.geometries[z.rasterValue], let c = communesById[z.commune] else { return nil }
                let people = (Double(z.piece.population) / CommuneTally.populationScale).rounded()
                return try feature(
                    polygon: g,
                    [
                        "id": "DZ-\(z.scope.rawValue)-\(c.code)-\(z.number)", "commune": c.name,
                        "people": language.number(people),
                        "area": language.number(Double(z.piece.area) / CommuneTally.areaScale / 1e6, decimals: 2)
                            + " km²",
                    ])
            })
    }

    /// The focus technology's villages of class `kind` (white or weak).
    func villages(_ kind: VillageClass) -> String {
        let s = map.focus.index
        return collection(
            map.villages.filter { s < $0.classes.count && $0.classes[s] == kind }.map { v in
                point(
                    lon: v.village.lon, lat: v.village.lat,
                    [
                        "name": v.village.name, "commune": v.communeID.flatMap { communesById[$0]?.name } ?? "",
                        "households": v.village.households.map { language.number(Double($0)) } ?? "",
                    ])
            })
    }

    /// The proposed shared masts, from shared_sites.csv's rows.
    func masts() -> String {
        let h = Dictionary(uniqueKeysWithValues: SharingWriters.mastHeader.enumerated().map { ($1, $0) })
        return collection(
            map.masts.compactMap { row -> String? in
                guard let lon = Double(row[h["lon"]!]), let lat = Double(row[h["lat"]!]) else { return nil }
                let served = row[h["carriers_served"]!].split(separator: ";").map {
                    map.carrierNames[String($0)] ?? String($0)
                }
                return point(
                    lon: lon, lat: lat,
                    [
                        "id": row[h["site_id"]!], "commune": row[h["commune_name"]!],
                        "carriers": served.joined(separator: ", "),
                        "people": language.number(Double(row[h["gain_people"]!]) ?? 0),
                        "height": row[h["height_m"]!] + " m",
                    ])
            })
    }

    private func collection(_ features: [String]) -> String {
        "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}"
    }

    /// A feature of `wkb` (grid CRS) simplified to a cell, in lon/lat, with text properties.
    private func feature(polygon wkb: WKBGeometry, _ props: [String: String]) throws -> String {
        let g = try Geometry(wkb)
        let simple = g.simplified(tolerance: abs(map.grid.geoTransform.pixelWidth)) ?? g
        try simple.transform(toLonLat)
        return "{\"type\":\"Feature\",\"properties\":\(json(props)),\"geometry\":\(simple.geoJSON(precision: 5))}"
    }

    private func point(lon: Double, lat: Double, _ props: [String: String]) -> String {
        let at = String(format: "[%.5f,%.5f]", lon, lat)
        return "{\"type\":\"Feature\",\"properties\":\(json(props)),"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":\(at)}}"
    }

    private func json(_ props: [String: String]) -> String {
        String(decoding: (try? ZoomableMap.encoder.encode(props)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
