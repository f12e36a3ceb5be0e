import CovgapAnalysis
import CovgapKernel
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// Writes partial not-spots (some carriers cover, not all) with the remedy for each missing carrier:
/// partial_notspots.geojson (RFC 7946) and the `partial_notspots` layer of coverage.gpkg.
public struct PartialNotspotWriter: Sendable {
    let zones: [DeadZone]
    /// Remedies per zone and carrier index; nil when the run has no site inventory.
    let remedies: [[PartialRemedy?]]?
    let geometries: [[UInt32: WKBGeometry]]
    let sites: [Site]
    let base: DeadZoneWriter
    let scopes: CarrierScopes

    private var carriers: [String] { base.carriers }

    func defineFields(_ layer: VectorLayer) throws {
        for (name, type) in [
            ("id", FieldType.string), ("technology", .string), ("province_code", .string), ("province_name", .string),
            ("commune_code", .string), ("commune_name", .string), ("covered_by", .string), ("missing", .string),
            ("area_km2", .real), ("population", .integer64), ("cells", .integer64),
            ("centroid_lon", .real), ("centroid_lat", .real), ("remedy", .string), ("host_site_id", .string),
            ("host_carrier", .string), ("host_distance_km", .real), ("host_level_dbm", .real),
        ] {
            try layer.createField(name, type: type)
        }
        for c in carriers { try layer.createField("remedy_\(c)", type: .string) }
    }

    /// Carrier ids whose bits are set, in carrier order, joined by ';'.
    func names(_ bits: Int) -> String {
        carriers.indices.filter { bits & (1 << $0) != 0 }.map { carriers[$0] }.joined(separator: ";")
    }

    /// Adds zones `range` (all by default) to `layer`.
    func addZones(_ range: Range<Int>? = nil, to layer: VectorLayer) throws {
        let toLonLat = try CoordinateTransform(from: try base.makeGridCRS(), to: .wgs84())
        for k in range ?? zones.indices {
            let z = zones[k]
            let s = z.scope.index
            let commune = base.communes[z.commune - 1]
            let p = z.piece
            let ll = base.centroid(p, toLonLat)
            let f = layer.makeFeature()
            let missingBits = Int(scopes.layerBits[s]) & ~Int(z.coveredBy)
            let values: [String] = [
                "PN-\(z.scope.rawValue)-\(commune.code)-\(z.number)", z.scope.rawValue, commune.provinceCode,
                commune.provinceName, commune.code, commune.name, names(Int(z.coveredBy)), names(missingBits),
            ]
            for (i, v) in values.enumerated() { f.set(i, v) }
            f.set(8, DeadZoneWriter.round(Double(p.area) / CommuneTally.areaScale / 1e6, 1e4))
            f.set(9, Int64((Double(p.population) / CommuneTally.populationScale).rounded()))
            f.set(10, p.cells)
            f.set(11, ll.map { DeadZoneWriter.round($0.x, 1e6) })
            f.set(12, ll.map { DeadZoneWriter.round($0.y, 1e6) })
            if let row = remedies?[k] {
                let remedy = row.compactMap { $0 }.first
                f.set(13, remedy?.action)
                if case let .colocate(site, d, level) = remedy {
                    f.set(14, sites[site].id)
                    f.set(15, sites[site].carrier)
                    f.set(16, DeadZoneWriter.round(d / 1000, 1e3))
                    f.set(17, DeadZoneWriter.round(level, 10))
                }
                for (c, r) in row.enumerated() { f.set(18 + c, r?.action) }
            }
            if let g = geometries[s][z.rasterValue] { try f.setGeometry(g) }
            try layer.add(f)
        }
    }

    /// Writes partial_notspots.geojson; `threads` workers write runs of features in parallel (`ParallelGeoJSON`), same
    /// bytes.
    func writeGeoJSON(to path: String, threads: Int = 1) throws {
        try ParallelGeoJSON.write(count: zones.count, threads: threads, to: path) { range, part in
            let ds = try VectorDataset.create(driver: "GeoJSON", path: part)
            let layer = try ds.createLayer(
                name: "partial_notspots", srs: try base.makeGridCRS(), geometry: .multiPolygon,
                options: ["RFC7946=YES", "WRITE_NAME=NO", "COORDINATE_PRECISION=7", "WRAPDATELINE=NO"])
            try defineFields(layer)
            try addZones(range, to: layer)
        }
    }

    /// Adds the `partial_notspots` layer to an open GeoPackage, in `srs` (the grid CRS, as the package's other layers).
    public func addLayer(to ds: VectorDataset, srs: SpatialReference) throws {
        let layer = try ds.createLayer(name: "partial_notspots", srs: srs, geometry: .multiPolygon)
        try defineFields(layer)
        _ = ds.beginTransaction()
        try addZones(to: layer)
        try ds.commitTransaction()
    }
}
