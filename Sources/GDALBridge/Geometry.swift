import CGDAL

/// OGR geometry kinds, flattened (2D/3D alike).
public enum GeometryType: Sendable, Equatable {
    case point, lineString, polygon, multiPoint, multiLineString, multiPolygon, collection, unknown, none

    init(_ t: OGRwkbGeometryType) {
        switch OGR_GT_Flatten(t) {
        case wkbPoint: self = .point
        case wkbLineString: self = .lineString
        case wkbPolygon: self = .polygon
        case wkbMultiPoint: self = .multiPoint
        case wkbMultiLineString: self = .multiLineString
        case wkbMultiPolygon: self = .multiPolygon
        case wkbGeometryCollection: self = .collection
        case wkbNone: self = .none
        default: self = .unknown
        }
    }

    var ogrType: OGRwkbGeometryType {
        switch self {
        case .point: return wkbPoint
        case .lineString: return wkbLineString
        case .polygon: return wkbPolygon
        case .multiPoint: return wkbMultiPoint
        case .multiLineString: return wkbMultiLineString
        case .multiPolygon: return wkbMultiPolygon
        case .collection: return wkbGeometryCollection
        case .unknown: return wkbUnknown
        case .none: return wkbNone
        }
    }

    /// True for polygon and multipolygon.
    public var isAreal: Bool { self == .polygon || self == .multiPolygon }
}

/// A bounding box (min/max x and y).
public struct Envelope: Equatable, Sendable, Codable {
    public var minX: Double, maxX: Double, minY: Double, maxY: Double

    /// A box from its bounds.
    public init(minX: Double, maxX: Double, minY: Double, maxY: Double) {
        self.minX = minX; self.maxX = maxX; self.minY = minY; self.maxY = maxY
    }

    /// The smallest envelope holding both.
    public func union(_ o: Envelope) -> Envelope {
        Envelope(minX: min(minX, o.minX), maxX: max(maxX, o.maxX), minY: min(minY, o.minY), maxY: max(maxY, o.maxY))
    }

    /// True when the two boxes share any area.
    public func intersects(_ o: Envelope) -> Bool {
        minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY
    }
}

/// An owned OGR geometry (OGRGeometryH), destroyed in `deinit`.
public final class Geometry {
    let handle: OGRGeometryH

    init(owning handle: OGRGeometryH) { self.handle = handle }

    deinit { OGR_G_DestroyGeometry(handle) }

    /// Parses WKT; throws on malformed text.
    public convenience init(wkt: String) throws {
        var out: OGRGeometryH?
        var text: UnsafeMutablePointer<CChar>? = strdup(wkt)
        let start = text
        defer { free(start) }
        GDALRuntime.resetError()
        guard OGR_G_CreateFromWkt(&text, nil, &out) == OGRERR_NONE, let out else {
            throw GDALRuntime.takeError("parsing WKT '\(wkt.prefix(80))'")
        }
        self.init(owning: out)
    }

    /// An empty geometry of the given collection type (multipolygon, ...).
    public convenience init(empty type: GeometryType) {
        self.init(owning: OGR_G_CreateGeometry(type.ogrType))
    }

    /// A deep copy.
    public func clone() -> Geometry { Geometry(owning: OGR_G_Clone(handle)) }

    public var type: GeometryType { GeometryType(OGR_G_GetGeometryType(handle)) }
    public var isEmpty: Bool { OGR_G_IsEmpty(handle) != 0 }
    /// GEOS validity (OGC simple-features rules). GEOS also says why a geometry is invalid, as a CPL warning; the
    /// answer is the return value, so that warning is kept off the log (this thread's handler only, for the call).
    public var isValid: Bool {
        CPLPushErrorHandler(CPLQuietErrorHandler)
        defer { CPLPopErrorHandler() }
        return OGR_G_IsValid(handle) != 0
    }

    /// A repaired copy (GEOS make-valid); throws if GEOS cannot repair it.
    public func madeValid() throws -> Geometry {
        GDALRuntime.resetError()
        guard let h = OGR_G_MakeValid(handle) else { throw GDALRuntime.takeError("repairing a geometry") }
        return Geometry(owning: h)
    }

    /// Only the polygonal parts as a multipolygon (drops points/lines that make-valid can produce).
    public func polygonalPart() -> Geometry {
        let out = Geometry(empty: .multiPolygon)
        collectPolygons(into: out)
        return out
    }

    private func collectPolygons(into out: Geometry) {
        switch type {
        case .polygon: OGR_G_AddGeometry(out.handle, handle)
        case .multiPolygon, .collection:
            for i in 0..<Int(OGR_G_GetGeometryCount(handle)) {
                if let part = OGR_G_GetGeometryRef(handle, Int32(i)), let copy = OGR_G_Clone(part) {
                    Geometry(owning: copy).collectPolygons(into: out)
                }
            }
        default: break
        }
    }

    /// Transforms in place; throws when a coordinate cannot be transformed.
    public func transform(_ transform: CoordinateTransform) throws {
        GDALRuntime.resetError()
        guard OGR_G_Transform(handle, transform.handle) == OGRERR_NONE else {
            throw GDALRuntime.takeError("transforming a geometry")
        }
    }

    public var envelope: Envelope {
        var e = OGREnvelope()
        OGR_G_GetEnvelope(handle, &e)
        return Envelope(minX: e.MinX, maxX: e.MaxX, minY: e.MinY, maxY: e.MaxY)
    }

    /// Planar area in the geometry's own units (m² in a metric CRS).
    public var planarArea: Double { OGR_G_Area(handle) }

    /// Adds a copy of `part` to this collection.
    public func add(_ part: Geometry) { OGR_G_AddGeometry(handle, part.handle) }

    /// ISO WKT text.
    public var wkt: String {
        var out: UnsafeMutablePointer<CChar>?
        guard OGR_G_ExportToIsoWkt(handle, &out) == OGRERR_NONE, let out else { return "" }
        defer { VSIFree(out) }
        return String(cString: out)
    }
}

@available(*, unavailable)
extension Geometry: Sendable {}

extension Geometry {
    /// This polygon wrapped as a one-part multipolygon (a copy); other types are copied as they are.
    public func asMultiPolygon() -> Geometry {
        guard type == .polygon else { return clone() }
        let multi = Geometry(empty: .multiPolygon)
        multi.add(self)
        return multi
    }
}

extension Geometry {
    /// A point geometry.
    public convenience init(pointX x: Double, y: Double) {
        let h = OGR_G_CreateGeometry(wkbPoint)!
        OGR_G_SetPoint_2D(h, 0, x, y)
        self.init(owning: h)
    }

    /// A point guaranteed to lie on the surface of an areal geometry (GEOS); the point itself for points.
    public func pointOnSurface() -> (x: Double, y: Double)? {
        if type == .point { return (OGR_G_GetX(handle, 0), OGR_G_GetY(handle, 0)) }
        guard let p = OGR_G_PointOnSurface(handle) else { return nil }
        defer { OGR_G_DestroyGeometry(p) }
        return (OGR_G_GetX(p, 0), OGR_G_GetY(p, 0))
    }

    /// Shortest planar distance to another geometry in the same CRS (0 when they touch or overlap); -1 on error.
    public func distance(to other: Geometry) -> Double { OGR_G_Distance(handle, other.handle) }
}

extension Geometry {
    /// A simplified copy that keeps the topology valid (GEOS), nil when GEOS fails.
    public func simplified(tolerance: Double) -> Geometry? {
        OGR_G_SimplifyPreserveTopology(handle, tolerance).map { Geometry(owning: $0) }
    }
}

extension Geometry {
    /// True when a vertex appears twice among the rings of this polygon (each ring's closing point aside): a ring that
    /// touches itself or another ring there. Rings drawn along pixel edges (polygonize) can be invalid only at such a
    /// vertex, so a polygon without one needs no GEOS validity test.
    public var hasSharedVertex: Bool {
        var seen = Set<SIMD2<UInt64>>()
        for r in 0..<Int(OGR_G_GetGeometryCount(handle)) {
            guard let ring = OGR_G_GetGeometryRef(handle, Int32(r)) else { continue }
            let n = Int(OGR_G_GetPointCount(ring))
            let closed =
                n > 1 && OGR_G_GetX(ring, 0) == OGR_G_GetX(ring, Int32(n - 1))
                && OGR_G_GetY(ring, 0) == OGR_G_GetY(ring, Int32(n - 1))
            for i in 0..<(closed ? n - 1 : n) {
                let key = SIMD2(OGR_G_GetX(ring, Int32(i)).bitPattern, OGR_G_GetY(ring, Int32(i)).bitPattern)
                if !seen.insert(key).inserted { return true }
            }
        }
        return false
    }

    /// How many vertices the geometry holds, over all its rings and parts.
    public var vertexCount: Int {
        let parts = Int(OGR_G_GetGeometryCount(handle))
        guard parts > 0 else { return Int(OGR_G_GetPointCount(handle)) }
        return (0..<parts).reduce(0) { n, i in n + (OGR_G_GetGeometryRef(handle, Int32(i)).map(Geometry.vertices) ?? 0)
        }
    }

    /// Vertices below a borrowed geometry handle (parts and rings, recursively).
    private static func vertices(_ h: OGRGeometryH) -> Int {
        let parts = Int(OGR_G_GetGeometryCount(h))
        guard parts > 0 else { return Int(OGR_G_GetPointCount(h)) }
        return (0..<parts).reduce(0) { n, i in n + (OGR_G_GetGeometryRef(h, Int32(i)).map(vertices) ?? 0) }
    }

    /// Every vertex of the geometry, over all its rings and parts, in order.
    public var points: [(x: Double, y: Double)] {
        var out: [(x: Double, y: Double)] = []
        Geometry.collect(handle, into: &out)
        return out
    }

    /// Vertices below a borrowed geometry handle, appended in order.
    private static func collect(_ h: OGRGeometryH, into out: inout [(x: Double, y: Double)]) {
        let parts = Int(OGR_G_GetGeometryCount(h))
        if parts == 0 {
            for i in 0..<Int(OGR_G_GetPointCount(h)) { out.append((OGR_G_GetX(h, Int32(i)), OGR_G_GetY(h, Int32(i)))) }
            return
        }
        for i in 0..<parts { if let part = OGR_G_GetGeometryRef(h, Int32(i)) { collect(part, into: &out) } }
    }

    /// A copy with extra vertices on every segment longer than `maxLength`, so none is longer (OGR_G_Segmentize).
    public func segmentized(maxLength: Double) -> Geometry {
        let copy = clone()
        OGR_G_Segmentize(copy.handle, maxLength)
        return copy
    }

    /// Adds each polygon of `other` (a polygon, multipolygon or collection) to this multipolygon.
    public func addPolygons(of other: Geometry) {
        switch other.type {
        case .polygon: add(other)
        case .multiPolygon, .collection:
            for i in 0..<Int(OGR_G_GetGeometryCount(other.handle)) {
                guard let part = OGR_G_GetGeometryRef(other.handle, Int32(i)), let copy = OGR_G_Clone(part) else {
                    continue
                }
                addPolygons(of: Geometry(owning: copy))
            }
        default: break
        }
    }

    /// Closes every ring whose last point is not its first (in place), as OGR_G_CloseRings does.
    public func closeRings() { OGR_G_CloseRings(handle) }
}

extension Geometry {
    /// The geometry as GeoJSON geometry text with `precision` decimals (OGR_G_ExportToJsonEx).
    public func geoJSON(precision: Int) -> String {
        let options = CStringList(["COORDINATE_PRECISION=\(precision)"])
        guard let text = OGR_G_ExportToJsonEx(handle, options.pointer) else { return "null" }
        defer { VSIFree(text) }
        return String(cString: text)
    }
}
