import CovgapGrid
import CovgapKernel
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// Writes dead zones as features: dead_zones.geojson (RFC 7946, lon/lat, right-hand rule) and a GeoPackage layer.
public struct DeadZoneWriter {
    let grid: AnalysisGrid
    public let gridCRS: SpatialReference
    public let communes: [Commune]
    public let carriers: [String]

    public static func round(_ v: Double, _ digits: Double) -> Double { (v * digits).rounded() / digits }

    /// Declares the dead-zone fields on `layer`.
    public func defineFields(_ layer: VectorLayer) throws {
        for (name, type) in [
            ("id", FieldType.string), ("technology", .string), ("province_code", .string), ("province_name", .string),
            ("commune_code", .string), ("commune_name", .string), ("area_km2", .real), ("population", .integer64),
            ("cells", .integer64), ("centroid_lon", .real), ("centroid_lat", .real),
        ] {
            try layer.createField(name, type: type)
        }
        for c in carriers { try layer.createField("nearest_km_\(c)", type: .real) }
    }

    /// Adds each zone with its polygon (in the grid CRS; the driver reprojects where the layer's CRS differs).
    public func addZones(_ zones: [DeadZone], geometries: [[UInt32: Geometry]], to layer: VectorLayer) throws {
        let toLonLat = try CoordinateTransform(from: gridCRS, to: .wgs84())
        for z in zones {
            let commune = communes[z.commune - 1]
            let p = z.piece
            let ll = centroid(p, toLonLat)
            let f = layer.makeFeature()
            f.set(0, "DZ-\(z.scope.rawValue)-\(commune.code)-\(z.number)")
            f.set(1, z.scope.rawValue)
            f.set(2, commune.provinceCode)
            f.set(3, commune.provinceName)
            f.set(4, commune.code)
            f.set(5, commune.name)
            f.set(6, DeadZoneWriter.round(Double(p.area) / CommuneTally.areaScale / 1e6, 1e4))
            f.set(7, Int64((Double(p.population) / CommuneTally.populationScale).rounded()))
            f.set(8, p.cells)
            f.set(9, ll.map { DeadZoneWriter.round($0.x, 1e6) })
            f.set(10, ll.map { DeadZoneWriter.round($0.y, 1e6) })
            for (c, d) in z.nearestKm.enumerated() { f.set(11 + c, d.map { DeadZoneWriter.round($0, 1e3) }) }
            if let g = geometries[TechnologyScope.allCases.firstIndex(of: z.scope)!][z.rasterValue] { f.setGeometry(g) }
            try layer.add(f)
        }
    }

    /// The lon/lat of a zone's cell-centre mean.
    public func centroid(_ p: ZonePiece, _ toLonLat: CoordinateTransform) -> (x: Double, y: Double)? {
        let cx = Double(p.sumColumn) / Double(p.cells) + 0.5, cy = Double(p.sumRow) / Double(p.cells) + 0.5
        let xy = grid.geoTransform.apply(column: cx, row: cy)
        return toLonLat.transform(x: xy.x, y: xy.y)
    }

    /// The same writer with its own CRS handle, for another thread: OGR's spatial references are not safe to share.
    public func withOwnCRS() throws -> DeadZoneWriter {
        DeadZoneWriter(
            grid: grid, gridCRS: try SpatialReference(userInput: grid.crsWKT), communes: communes, carriers: carriers)
    }

    /// Writes dead_zones.geojson; `threads` workers write runs of features in parallel (`ParallelGeoJSON`), same bytes.
    public func writeGeoJSON(
        _ zones: [DeadZone], geometries: [[UInt32: Geometry]], to path: String, threads: Int = 1
    ) throws {
        let shared = UncheckedBox((self, zones, geometries))
        try ParallelGeoJSON.write(count: zones.count, threads: threads, to: path) { range, part in
            let (shared, zones, geometries) = shared.value
            let writer = try shared.withOwnCRS()
            let ds = try VectorDataset.create(driver: "GeoJSON", path: part)
            let layer = try ds.createLayer(
                name: "dead_zones", srs: writer.gridCRS, geometry: .multiPolygon,
                options: ["RFC7946=YES", "WRITE_NAME=NO", "COORDINATE_PRECISION=7"])
            try writer.defineFields(layer)
            try writer.addZones(Array(zones[range]), geometries: geometries, to: layer)
        }
    }

    /// Memberwise: every stored property, in declaration order.
    public init(grid: AnalysisGrid, gridCRS: SpatialReference, communes: [Commune], carriers: [String]) {
        self.grid = grid
        self.gridCRS = gridCRS
        self.communes = communes
        self.carriers = carriers
    }
}
