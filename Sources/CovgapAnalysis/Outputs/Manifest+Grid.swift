import CovgapGrid
import Foundation
import GDALBridge

extension GridBuilder {
    /// The grid a run recorded in its manifest, with its cell areas worked out again.
    static func restore(_ m: Manifest.Grid, crs: SpatialReference) throws -> AnalysisGrid {
        let gt = GeoTransform(
            originX: m.geoTransform[0], pixelWidth: m.geoTransform[1], rowRotation: m.geoTransform[2],
            originY: m.geoTransform[3], columnRotation: m.geoTransform[4], pixelHeight: m.geoTransform[5])
        let built = try build(
            crs: crs,
            extent: Envelope(
                minX: gt.originX, maxX: gt.originX + Double(m.width) * gt.pixelWidth,
                minY: gt.originY + Double(m.height) * gt.pixelHeight, maxY: gt.originY),
            resolutionMetres: m.resolutionMetres)
        return AnalysisGrid(
            crsWKT: m.crsWKT, geoTransform: gt, width: m.width, height: m.height, cellArea: built.cellArea,
            resolutionMetres: m.resolutionMetres)
    }
}
