import CovgapAnalysis
import CovgapDesk
import CovgapKernel
import CovgapModel
import CovgapPlanning
import CovgapSupport
import GDALBridge

/// Writes coverage.gpkg: `communes` (polygons with the ANY statistics) and `dead_zones`, both in the grid CRS, and
/// `partial_notspots` (grid CRS) and `villages` (lon/lat points) when the run has villages.
enum GeoPackageWriter {

    static func write(
        statistics: [CommuneStatistics], communeGeometries: [WKBGeometry], zones: [DeadZone],
        geometries: [[UInt32: WKBGeometry]], writer: DeadZoneWriter, villages: VillageWriter?,
        partials: PartialNotspotWriter?, crsText: String, villagesTechnology: String,
        to path: String
    ) throws {
        // The grid CRS as the config (or `auto`) gave it, parsed on this thread.
        let gridCRS = try SpatialReference(userInput: crsText)
        // GeoPackages record "last change" times; a fixed one keeps reruns byte-identical (see README).
        GDALRuntime.setConfigOption("OGR_CURRENT_DATE", FixedTimestamp.geoPackage)
        let ds = try VectorDataset.create(driver: "GPKG", path: path)
        try writeCommunes(statistics, geometries: communeGeometries, into: ds, srs: gridCRS)
        let dz = try ds.createLayer(name: "dead_zones", srs: gridCRS, geometry: .multiPolygon)
        try writer.defineFields(dz)
        ds.beginTransaction()
        try writer.addZones(zones, geometries: geometries, to: dz)
        try ds.commitTransaction()
        try partials?.addLayer(to: ds, srs: gridCRS)
        try villages?.addLayer(to: ds)
        // The grid CRS as WKT2 too: what GDAL and QGIS then read back equals the GeoTIFFs' CRS, one named CRS.
        try ds.storeWKT2(gridCRS, forLayer: "communes")
        try ds.storeLayerStyles(
            try styles(of: ds, technology: villagesTechnology), timestamp: FixedTimestamp.geoPackage)
    }

    /// The figures each commune carries once per technology, suffixed `_3g`, `_4g`, `_any`.
    static let scopedFields = [
        "covered_any_km2", "covered_all_km2", "notspot_total_km2", "notspot_partial_km2", "pct_area_covered",
        "population_covered", "population_notspot_total", "pct_population_covered", "dead_zone_count",
    ]

    /// `communes`: one polygon per commune with its identity, area and population, and `scopedFields` for every
    /// technology the run has, so a map of 4G (or 3G, or any) needs no join.
    static func writeCommunes(
        _ statistics: [CommuneStatistics], geometries: [WKBGeometry], into ds: VectorDataset, srs: SpatialReference
    ) throws {
        let layer = try ds.createLayer(name: "communes", srs: srs, geometry: .multiPolygon)
        let names = ["province_code", "province_name", "commune_code", "commune_name"]
        for n in names { try layer.createField(n, type: .string) }
        try layer.createField("commune_id", type: .integer)
        for n in ["area_km2", "population"] { try layer.createField(n, type: .real) }
        let scopes = TechnologyScope.allCases.filter { s in statistics.contains { $0.scope == s } }
        for s in scopes {
            for n in scopedFields {
                try layer.createField(
                    "\(n)_\(s.rawValue.lowercased())", type: n == "dead_zone_count" ? .integer : .real)
            }
        }
        let rows = Dictionary(grouping: statistics, by: \.commune.id)
        ds.beginTransaction()
        for id in rows.keys.sorted() {
            let byScope = Dictionary(uniqueKeysWithValues: rows[id]!.map { ($0.scope, $0) })
            let first = byScope[.any] ?? rows[id]![0]
            let c = first.commune
            let f = layer.makeFeature()
            for (i, v) in [c.provinceCode, c.provinceName, c.code, c.name].enumerated() { f.set(i, v) }
            f.set(4, Int64(c.id))
            f.set(5, first.areaKm2)
            f.set(6, first.population)
            var i = 7
            for s in scopes {
                let r = byScope[s]
                let values = r.map {
                    [
                        $0.coveredAnyKm2, $0.coveredAllKm2, $0.notspotTotalKm2, $0.notspotPartialKm2, $0.pctAreaCovered,
                        $0.populationCovered, $0.populationNotspotTotal, $0.pctPopulationCovered,
                    ]
                }
                for k in 0..<(scopedFields.count - 1) { f.set(i + k, values?[k]) }
                f.set(i + scopedFields.count - 1, r.map { Int64($0.deadZoneCount) })
                i += scopedFields.count
            }
            let g = try Geometry(geometries[c.id - 1])
            f.setGeometry(g.type == .polygon ? g.asMultiPolygon() : g)
            try layer.add(f)
        }
        try ds.commitTransaction()
    }

    /// Each layer's default style, with aliases for the fields it has.
    static func styles(of ds: VectorDataset, technology: String) throws -> [VectorDataset.LayerStyle] {
        let make: [String: ([String]) -> VectorStyle] = [
            "communes": RunStyles.communes, "dead_zones": RunStyles.deadZones,
            "partial_notspots": RunStyles.partialNotspots,
            "villages": { RunStyles.villages(fields: $0, technology: technology) },
        ]
        return try ds.layerNames.compactMap { name in
            guard let style = make[name] else { return nil }
            let fields = try ds.layer(named: name).fields.map(\.name)
            return VectorDataset.LayerStyle(layer: name, name: "covgap", qml: style(fields).qml)
        }
    }
}
