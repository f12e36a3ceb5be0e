import CGDAL

extension Geometry {
    /// The area within `distance` of the geometry (GEOS buffer, 8 segments per quarter circle), nil when GEOS fails.
    public func buffer(_ distance: Double) -> Geometry? {
        OGR_G_Buffer(handle, distance, 8).map { Geometry(owning: $0) }
    }

    /// The part shared with `other` (GEOS), nil when GEOS fails.
    public func intersection(_ other: Geometry) -> Geometry? {
        OGR_G_Intersection(handle, other.handle).map { Geometry(owning: $0) }
    }

    /// Planar length of the linear parts (CRS units); 0 for points and polygons.
    public var planarLength: Double { OGR_G_Length(handle) }

    /// The centroid (for lines, length-weighted), nil for an empty geometry.
    public var centroid: (x: Double, y: Double)? {
        let p = OGR_G_CreateGeometry(wkbPoint)!
        defer { OGR_G_DestroyGeometry(p) }
        guard !isEmpty, OGR_G_Centroid(handle, p) == OGRERR_NONE else { return nil }
        return (OGR_G_GetX(p, 0), OGR_G_GetY(p, 0))
    }

    /// The vertices of each line part (a linestring, or each part of a multilinestring / collection).
    public var lineParts: [[(x: Double, y: Double)]] {
        var parts: [[(x: Double, y: Double)]] = []
        func visit(_ g: OGRGeometryH) {
            switch GeometryType(OGR_G_GetGeometryType(g)) {
            case .lineString:
                parts.append(
                    (0..<Int(OGR_G_GetPointCount(g))).map { (OGR_G_GetX(g, Int32($0)), OGR_G_GetY(g, Int32($0))) })
            case .multiLineString, .collection:
                for i in 0..<Int(OGR_G_GetGeometryCount(g)) {
                    if let p = OGR_G_GetGeometryRef(g, Int32(i)) { visit(p) }
                }
            default: break
            }
        }
        visit(handle)
        return parts
    }
}

extension Geodesic {
    /// Length in metres of the lines of a lon/lat geometry along the WGS 84 ellipsoid.
    public static func length(ofLonLat geometry: Geometry) -> Double {
        var g = geod_geodesic()
        geod_init(&g, 6378137.0, 1.0 / 298.257223563)
        var total = 0.0
        for part in geometry.lineParts where part.count > 1 {
            for k in 1..<part.count {
                var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
                geod_inverse(&g, part[k - 1].y, part[k - 1].x, part[k].y, part[k].x, &s12, &azi1, &azi2)
                total += s12
            }
        }
        return total
    }
}

extension Geometry {
    /// A linestring through the given (x, y) vertices.
    public convenience init(lineLonLat points: [(x: Double, y: Double)]) {
        let h = OGR_G_CreateGeometry(wkbLineString)!
        for (i, p) in points.enumerated() { OGR_G_SetPoint_2D(h, Int32(i), p.x, p.y) }
        self.init(owning: h)
    }
}
