import CovgapSupport
import Foundation
import GDALBridge

/// The lon/lat bounding box of a vector layer, for sizing a simulation around boundaries.
public enum LayerExtent {
    /// The box of `path` (layer `layer` or the first), grown by `marginKm` on each side.
    public static func lonLatBox(path: String, layer name: String?, marginKm: Double) throws -> Envelope {
        GDALRuntime.initialize()
        let ds: VectorDataset
        do { ds = try VectorDataset.open(path) } catch {
            throw InputError(file: path, problem: "cannot be opened as a vector layer (\(error))")
        }
        let layer = try ds.layer(named: name)
        guard let e = layer.extent, let srs = layer.spatialReference else {
            throw InputError(file: path, problem: "has no extent or no CRS", hint: "give --bbox instead")
        }
        let t = try CoordinateTransform(from: srs, to: .wgs84())
        var xs = [e.minX, e.maxX, e.minX, e.maxX], ys = [e.minY, e.minY, e.maxY, e.maxY]
        t.transform(x: &xs, y: &ys)
        let dLat = marginKm / 111.32, midLat = (ys.min()! + ys.max()!) / 2
        let dLon = marginKm / (111.32 * cos(midLat * .pi / 180))
        return Envelope(minX: xs.min()! - dLon, maxX: xs.max()! + dLon, minY: ys.min()! - dLat, maxY: ys.max()! + dLat)
    }
}
