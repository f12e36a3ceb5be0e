import CovgapAnalysis
import CovgapDesk
import CovgapKernel
import CovgapModel
import CovgapPlanning
import GDALBridge

/// Writes coverage.gpkg: `communes` (polygons with the ANY statistics) and `dead_zones`, both in the grid CRS, and
/// `partial_notspots` (grid CRS) and `villages` (lon/lat points) when the run has villages.
enum GeoPackageWriter {
    /// The timestamp written into coverage.gpkg: 1 July 2025, when the two-level administrative units took effect.
    static let fixedTimestamp = "2025-07-01T00:00:00.000Z"

    static func write(
        statistics: [CommuneStatistics], communeGeometries: [WKBGeometry], zones: [DeadZone],
        geometries: [[UInt32: WKBGeometry]], writer: DeadZoneWriter, villages: VillageWriter?,
        partials: PartialNotspotWriter?, crsText: String, villagesTechnology: String,
        to path: String
    ) throws {
        // The grid CRS as the config (or `auto`) gave it, parsed on this thread.
        let gridCRS = try SpatialReference(userInput: crsText)
        // GeoPackages record "last change" times; a fixed one keeps reruns byte-identical (see README).
        GDALRuntime.setConfigOption("OGR_CURRENT_DATE", GeoPackageWriter.fixedTimestamp)
        let ds = try VectorDataset.create(driver: "GPKG", path: path)
        let communes = try ds.createLayer(name: "communes", srs: gridCRS, geometry: .multiPolygon)
        let names = ["province_code", "province_name", "commune_code", "commune_name"]
        for n in names { try communes.createField(n, type: .string) }
        let numeric = [
            "area_km2", "population", "covered_any_km2", "covered_all_km2", "notspot_total_km2", "notspot_partial_km2",
            "pct_area_covered", "population_covered", "population_notspot_total", "pct_population_covered",
        ]
        for n in numeric { try communes.createField(n, type: .real) }
        try communes.createField("dead_zone_count", type: .integer)
        try communes.createField("commune_id", type: .integer)
        ds.beginTransaction()
        // The ANY rows, or the only scope present when a run has one technology.
        let preferred = statistics.contains { $0.scope == .any } ? TechnologyScope.any : statistics.first?.scope
        for r in statistics where r.scope == preferred {
            let f = communes.makeFeature()
            for (i, v) in [r.commune.provinceCode, r.commune.provinceName, r.commune.code, r.commune.name].enumerated()
            { f.set(i, v) }
            let values = [
                r.areaKm2, r.population, r.coveredAnyKm2, r.coveredAllKm2, r.notspotTotalKm2, r.notspotPartialKm2,
                r.pctAreaCovered, r.populationCovered, r.populationNotspotTotal, r.pctPopulationCovered,
            ]
            for (i, v) in values.enumerated() { f.set(names.count + i, v) }
            f.set(names.count + values.count, Int64(r.deadZoneCount))
            f.set(names.count + values.count + 1, Int64(r.commune.id))
            let g = try Geometry(communeGeometries[r.commune.id - 1])
            f.setGeometry(g.type == .polygon ? g.asMultiPolygon() : g)
            try communes.add(f)
        }
        try ds.commitTransaction()
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
            try styles(of: ds, technology: villagesTechnology), timestamp: GeoPackageWriter.fixedTimestamp)
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
