import CovgapGrid
import CovgapKernel
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// Writes dead zones as features: dead_zones.geojson (RFC 7946, lon/lat, right-hand rule) and a GeoPackage layer.
/// A value: each thread that writes makes its own CRS handle (OGR's spatial references are not safe to share).
public struct DeadZoneWriter: Sendable {
    let grid: AnalysisGrid
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
    public func addZones(_ zones: [DeadZone], geometries: [[UInt32: WKBGeometry]], to layer: VectorLayer) throws {
        let toLonLat = try CoordinateTransform(from: try makeGridCRS(), to: .wgs84())
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
            if let g = geometries[z.scope.index][z.rasterValue] {
                try f.setGeometry(g)
            }
            try layer.add(f)
        }
    }

    /// The lon/lat of a zone's cell-centre mean.
    public func centroid(_ p: ZonePiece, _ toLonLat: CoordinateTransform) -> (x: Double, y: Double)? {
        let cx = Double(p.sumColumn) / Double(p.cells) + 0.5, cy = Double(p.sumRow) / Double(p.cells) + 0.5
        let xy = grid.geoTransform.apply(column: cx, row: cy)
        return toLonLat.transform(x: xy.x, y: xy.y)
    }

    /// A handle on the grid's CRS for the calling thread.
    public func makeGridCRS() throws -> SpatialReference { try SpatialReference(userInput: grid.crsWKT) }

    /// Writes dead_zones.geojson; `threads` workers write runs of features in parallel (`ParallelGeoJSON`), same bytes.
    public func writeGeoJSON(
        _ zones: [DeadZone], geometries: [[UInt32: WKBGeometry]], to path: String, threads: Int = 1
    ) throws {
        try ParallelGeoJSON.write(count: zones.count, threads: threads, to: path) { range, part in
            let ds = try VectorDataset.create(driver: "GeoJSON", path: part)
            let layer = try ds.createLayer(
                name: "dead_zones", srs: try makeGridCRS(), geometry: .multiPolygon,
                options: ["RFC7946=YES", "WRITE_NAME=NO", "COORDINATE_PRECISION=7", "WRAPDATELINE=NO"])
            try defineFields(layer)
            try addZones(Array(zones[range]), geometries: geometries, to: layer)
        }
    }

    /// Memberwise: every stored property, in declaration order.
    public init(grid: AnalysisGrid, communes: [Commune], carriers: [String]) {
        self.grid = grid
        self.communes = communes
        self.carriers = carriers
    }
}
