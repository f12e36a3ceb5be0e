import CovgapGrid
import Foundation
import GDALBridge

/// A CRS in metres for the sharing analyses (distances to sites, cluster spans, corridor widths): the grid CRS when it
/// is projected, else an Albers equal-area conic around the communes (a lon/lat grid measures in degrees).
struct MetricFrame {
    let crs: SpatialReference
    /// True when `crs` is the grid CRS itself (grid geometries need no transform).
    let isGridCRS: Bool
    private let fromLonLat: CoordinateTransform
    private let fromGrid: CoordinateTransform?

    init(gridCRS: SpatialReference, lonLatBox: Envelope) throws {
        if gridCRS.isGeographic {
            crs = try SpatialReference(userInput: GridBuilder.albersCRS(around: lonLatBox))
            fromGrid = try CoordinateTransform(from: gridCRS, to: crs)
            isGridCRS = false
        } else {
            crs = gridCRS
            fromGrid = nil
            isGridCRS = true
        }
        fromLonLat = try CoordinateTransform(from: .wgs84(), to: crs)
    }

    /// A lon/lat position in the frame, or nil when PROJ cannot transform it.
    func project(lon: Double, lat: Double) -> (x: Double, y: Double)? { fromLonLat.transform(x: lon, y: lat) }

    /// A copy of a grid-CRS geometry in the frame (the geometry itself when the frame is the grid CRS).
    func fromGrid(_ g: Geometry) throws -> Geometry {
        guard let fromGrid else { return g }
        let copy = g.clone()
        try copy.transform(fromGrid)
        return copy
    }

    /// A copy of a lon/lat geometry in the frame.
    func fromLonLat(_ g: Geometry) throws -> Geometry {
        let copy = g.clone()
        try copy.transform(fromLonLat)
        return copy
    }
}

/// Points bucketed on a square lattice for radius searches (deterministic: results in insertion order per bucket).
struct PointIndex {
    let cell: Double
    private var buckets: [Int64: [Int]] = [:]
    private(set) var points: [(x: Double, y: Double)] = []

    /// An empty index whose buckets are `cell` metres on a side (use about the search radius).
    init(cell: Double) { self.cell = max(cell, 1) }

    private func key(_ i: Int, _ j: Int) -> Int64 {
        Int64(i) << 32 ^ Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: j)))
    }

    /// Adds a point; its index is its insertion order.
    mutating func insert(x: Double, y: Double) {
        buckets[key(Int((x / cell).rounded(.down)), Int((y / cell).rounded(.down))), default: []].append(points.count)
        points.append((x, y))
    }

    /// Indices of points whose buckets meet the box (a superset of the points inside it), ascending.
    func candidates(minX: Double, maxX: Double, minY: Double, maxY: Double) -> [Int] {
        let i0 = Int((minX / cell).rounded(.down)), i1 = Int((maxX / cell).rounded(.down))
        let j0 = Int((minY / cell).rounded(.down)), j1 = Int((maxY / cell).rounded(.down))
        guard (i1 - i0 + 1) * (j1 - j0 + 1) <= 4 * buckets.count + 16 else {
            return Array(points.indices)
        }
        var out: [Int] = []
        for i in i0...i1 { for j in j0...j1 { out.append(contentsOf: buckets[key(i, j)] ?? []) } }
        return out.sorted()
    }
}
