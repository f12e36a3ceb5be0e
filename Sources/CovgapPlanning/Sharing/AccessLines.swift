import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// The lines a proposed mast must stand near (roads to build it from, power lines to feed it): their segments in the
/// grid CRS, indexed so that a candidate asks only the segments around it.
struct AccessLines {
    let withinMetres: Double
    private let segments: [(x0: Double, y0: Double, x1: Double, y1: Double)]
    private let index: SpatialIndex<Int>

    /// Reads `input` (any OGR line layer in any CRS) into `gridCRS`; refuses a missing file, a layer without a CRS
    /// or without lines.
    init(_ input: AccessInput, gridCRS: SpatialReference) throws {
        let file = input.path
        let layer = try ConfiguredLayer.open(
            file, layer: input.layer, what: "access line layer", key: "shared_sites.access")
        guard let srs = layer.spatialReference else {
            throw InputError(
                file: file, problem: "the layer has no CRS", hint: "assign one, e.g. ogr2ogr -a_srs EPSG:4326")
        }
        let toGrid = try CoordinateTransform(from: srs, to: gridCRS)
        var segments: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        layer.resetReading()
        while let f = layer.nextFeature() {
            guard let g = f.geometry, g.type == .lineString || g.type == .multiLineString else { continue }
            try g.transform(toGrid)
            segments += AccessLines.segments(of: g)
        }
        guard !segments.isEmpty else {
            throw InputError(
                file: file, problem: "has no line features", hint: "give a road or power line layer (LineString)")
        }
        var index = SpatialIndex<Int>(cell: max(input.withinMetres, 100))
        for (k, s) in segments.enumerated() {
            index.insert(
                k,
                box: Envelope(
                    minX: min(s.x0, s.x1), maxX: max(s.x0, s.x1), minY: min(s.y0, s.y1), maxY: max(s.y0, s.y1)))
        }
        self.segments = segments
        self.index = index
        withinMetres = input.withinMetres
    }

    /// The consecutive vertex pairs of every line of `g` (its parts in order).
    private static func segments(of g: Geometry) -> [(x0: Double, y0: Double, x1: Double, y1: Double)] {
        g.lineParts.flatMap { p in zip(p, p.dropFirst()).map { a, b in (a.x, a.y, b.x, b.y) } }
    }

    /// Whether (x, y) lies within `withinMetres` (plus `slack`) of a line.
    func isNear(x: Double, y: Double, slack: Double = 0) -> Bool {
        let r = withinMetres + slack
        for k in index.candidates(Envelope(minX: x - r, maxX: x + r, minY: y - r, maxY: y + r)) {
            let s = segments[index.items[k].item]
            if AccessLines.distance(x, y, s) <= r { return true }
        }
        return false
    }

    /// Distance from (px, py) to a segment.
    static func distance(_ px: Double, _ py: Double, _ s: (x0: Double, y0: Double, x1: Double, y1: Double)) -> Double {
        let dx = s.x1 - s.x0, dy = s.y1 - s.y0, length2 = dx * dx + dy * dy
        let t = length2 > 0 ? min(max(((px - s.x0) * dx + (py - s.y0) * dy) / length2, 0), 1) : 0
        let cx = s.x0 + t * dx - px, cy = s.y0 + t * dy - py
        return (cx * cx + cy * cy).squareRoot()
    }
}
