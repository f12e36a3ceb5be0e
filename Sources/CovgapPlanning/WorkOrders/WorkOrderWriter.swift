import CovgapAnalysis
import CovgapDesk
import CovgapSupport
import Foundation
import GDALBridge

/// Writes the orders: per carrier `<carrier>.geojson` (RFC 7946, every order as a point) and `<carrier>_areas.geojson`
/// (the dead-zone orders' polygons), the same layers in `workorders.gpkg`, `workorders.csv` (BOM) and
/// `assignment_summary.csv` (orders, people and km² per carrier × province × funding), and `workorders.xlsx`.
struct WorkOrderWriter {
    let items: [WorkItem]
    let orders: [WorkOrder]
    let carriers: [String]
    let run: RunFolder
    let deadline: String

    static let header = [
        "work_order_id", "carrier", "technology", "action", "host_site_id", "tenants", "item_kind", "item_ref",
        "province_code", "province_name", "commune_code", "commune_name", "village_names", "lon", "lat", "area_km2",
        "population", "households", "distance_km", "funding", "priority", "deadline", "status",
    ]

    func row(_ o: WorkOrder) -> [String] {
        let item = items[o.item]
        let names = item.villages.map(\.name) + item.extraNames
        return [
            o.id, carriers[o.carrier], item.technology.rawValue, o.action, o.hostSiteID ?? "",
            o.tenants.map { carriers[$0] }.joined(separator: ";"),
            item.kind.rawValue, item.ref, item.commune.provinceCode, item.commune.provinceName, item.commune.code,
            item.commune.name,
            names.joined(separator: ";"), String(format: "%.6f", item.lon), String(format: "%.6f", item.lat),
            item.areaKm2.map { Format.km2($0) } ?? "", Format.people(item.population),
            item.households.map(String.init) ?? "",
            o.distanceKm.map { String(format: "%.3f", $0) } ?? "", o.funding.rawValue, String(o.priority), deadline,
            "open",
        ]
    }

    func write(into staging: OutputStaging) throws {
        let sorted = orders.sorted { ($0.priority, $0.lead ? 0 : 1, $0.id) < ($1.priority, $1.lead ? 0 : 1, $1.id) }
        var csv = CSVWriter()
        csv.row(WorkOrderWriter.header)
        for o in sorted { csv.row(row(o)) }
        try csv.write(to: staging.file("workorders.csv"))
        try writeLayers(sorted, into: staging)
        // Orders, people and km² per carrier × province × funding (lead orders: each item counted once).
        var sums: [String: (orders: Int, people: Double, km2: Double)] = [:]
        for o in orders where o.lead {
            let item = items[o.item]
            let key = [carriers[o.carrier], item.commune.provinceCode, item.commune.provinceName, o.funding.rawValue]
                .joined(separator: "\u{1F}")
            let old = sums[key] ?? (0, 0, 0)
            sums[key] = (old.orders + 1, old.people + item.population, old.km2 + (item.areaKm2 ?? 0))
        }
        var summary = CSVWriter()
        summary.row(["carrier", "province_code", "province_name", "funding", "orders", "population", "area_km2"])
        for key in sums.keys.sorted() {
            let v = sums[key]!
            summary.row(
                key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
                    + [String(v.orders), Format.people(v.people), Format.km2(v.km2)])
        }
        try summary.write(to: staging.file("assignment_summary.csv"))
        try Workbook.write(
            [
                Workbook.Sheet(name: "Lệnh công việc", source: staging.file("workorders.csv")),
                Workbook.Sheet(name: "Tổng hợp phân công", source: staging.file("assignment_summary.csv")),
            ], to: staging.file("workorders.xlsx"))
    }

    static let numeric: [String: FieldType] = [
        "lon": .real, "lat": .real, "area_km2": .real, "population": .integer64, "households": .integer64,
        "distance_km": .real, "priority": .integer64,
    ]

    /// Each carrier's orders with one geometry type per layer, so QGIS shows one layer per file and Shapefile export
    /// works: `<carrier>.geojson` every order at its point, `<carrier>_areas.geojson` the orders that have an area
    /// (dead zones) as MultiPolygons; and the same as `<carrier>_points` and `<carrier>_areas` in workorders.gpkg.
    func writeLayers(_ sorted: [WorkOrder], into staging: OutputStaging) throws {
        let toLonLat = try CoordinateTransform(from: run.gridCRS, to: .wgs84())
        GDALRuntime.setConfigOption("OGR_CURRENT_DATE", FixedTimestamp.geoPackage)
        let gpkg = try VectorDataset.create(driver: "GPKG", path: staging.file("workorders.gpkg"))
        for (c, carrier) in carriers.enumerated() {
            let mine = sorted.filter { $0.carrier == c }
            let points = try VectorDataset.create(driver: "GeoJSON", path: staging.file("\(carrier).geojson"))
            let areas = try VectorDataset.create(driver: "GeoJSON", path: staging.file("\(carrier)_areas.geojson"))
            // WRAPDATELINE=NO: GDAL would otherwise write a one-part MultiPolygon as a Polygon, mixing the two types.
            let options = ["RFC7946=YES", "WRITE_NAME=NO", "COORDINATE_PRECISION=7", "WRAPDATELINE=NO"]
            let targets = [
                (try layer(points, "workorders_\(carrier)", .point, options), false),
                (try layer(areas, "workorders_\(carrier)_areas", .multiPolygon, options), true),
                (try layer(gpkg, "\(carrier)_points", .point, []), false),
                (try layer(gpkg, "\(carrier)_areas", .multiPolygon, []), true),
            ]
            for (target, isArea) in targets {
                let transaction = target.dataset.beginTransaction()
                for o in mine {
                    let item = items[o.item]
                    if isArea && item.polygon == nil { continue }
                    let f = target.makeFeature()
                    for (i, v) in row(o).enumerated() {
                        f.set(i, text: v, as: WorkOrderWriter.numeric[WorkOrderWriter.header[i]])
                    }
                    if isArea, let polygon = item.polygon {
                        let g = polygon.clone()
                        try g.transform(toLonLat)
                        f.setGeometry(g.type == .polygon ? g.asMultiPolygon() : g)
                    } else {
                        f.setGeometry(Geometry(pointX: item.lon, y: item.lat))
                    }
                    try target.add(f)
                }
                if transaction { try target.dataset.commitTransaction() }
            }
        }
        // Each layer styled by default in QGIS (by action; the areas red) with the glossary's aliases.
        let header = WorkOrderWriter.header
        try gpkg.storeLayerStyles(
            carriers.flatMap { c in
                [
                    VectorDataset.LayerStyle(
                        layer: "\(c)_points", name: "covgap", qml: RunStyles.workOrderPoints(fields: header).qml),
                    VectorDataset.LayerStyle(
                        layer: "\(c)_areas", name: "covgap", qml: RunStyles.workOrderAreas(fields: header).qml),
                ]
            }, timestamp: FixedTimestamp.geoPackage)
    }

    private func layer(
        _ ds: VectorDataset, _ name: String, _ geometry: GeometryType, _ options: [String]
    ) throws -> VectorLayer {
        let layer = try ds.createLayer(name: name, srs: .wgs84(), geometry: geometry, options: options)
        for n in WorkOrderWriter.header { try layer.createField(n, type: WorkOrderWriter.numeric[n] ?? .string) }
        return layer
    }
}
