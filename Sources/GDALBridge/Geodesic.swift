import CGDAL

/// Geodesic measures on the WGS 84 ellipsoid through PROJ's geodesic library (Karney's algorithms).
public enum Geodesic {
    /// Area in m² of a closed ring of (lon, lat) degrees; positive whatever the winding.
    public static func ringArea(_ ring: [(x: Double, y: Double)]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var g = geod_geodesic()
        geod_init(&g, 6378137.0, 1.0 / 298.257223563)
        var lats = ring.map(\.y), lons = ring.map(\.x)
        var area = 0.0, perimeter = 0.0
        geod_polygonarea(&g, &lats, &lons, Int32(ring.count), &area, &perimeter)
        return abs(area)
    }

    /// Area in m² of a lon/lat (multi)polygon: outer rings minus holes.
    public static func area(ofLonLat geometry: Geometry) -> Double {
        geometry.polygonRingGroups.reduce(0.0) { total, rings in
            rings.enumerated().reduce(total) { t, item in t + (item.offset == 0 ? 1 : -1) * ringArea(item.element) }
        }
    }
}

extension Geometry {
    /// Rings grouped by polygon: each group is [outer, hole, hole, ...].
    public var polygonRingGroups: [[[(x: Double, y: Double)]]] {
        var groups: [[[(x: Double, y: Double)]]] = []
        func ringPoints(_ ring: OGRGeometryH) -> [(x: Double, y: Double)] {
            (0..<Int(OGR_G_GetPointCount(ring))).map { (OGR_G_GetX(ring, Int32($0)), OGR_G_GetY(ring, Int32($0))) }
        }
        func visit(_ g: OGRGeometryH) {
            let t = GeometryType(OGR_G_GetGeometryType(g))
            if t == .polygon {
                groups.append(
                    (0..<Int(OGR_G_GetGeometryCount(g))).compactMap {
                        OGR_G_GetGeometryRef(g, Int32($0)).map(ringPoints)
                    })
            } else if t == .multiPolygon || t == .collection {
                for i in 0..<Int(OGR_G_GetGeometryCount(g)) {
                    if let p = OGR_G_GetGeometryRef(g, Int32(i)) { visit(p) }
                }
            }
        }
        visit(handle)
        return groups
    }
}
