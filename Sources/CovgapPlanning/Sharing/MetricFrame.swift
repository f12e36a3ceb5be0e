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
            crs = try SpatialReference(wkt: GridBuilder.albersCRS(around: lonLatBox, area: "the communes"))
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
