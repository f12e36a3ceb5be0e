import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// Population counts become people per m² of true ground area before warping, so that GDAL's area-weighted `average`
/// followed by × the grid's cell area conserves the total (GDAL 3.6's `-r sum` loses people at warp-chunk edges when
/// upsampling through a VRT). Nodata and negative counts mean no people.
public enum PopulationDensity {
    /// Writes the density raster for `band` of `source` to `path`, streaming blocks of rows.
    public static func write(_ source: RasterDataset, band index: Int, to path: String) throws {
        let band = try source.band(index)
        guard let gt = source.geoTransform, let srs = source.spatialReference else {
            throw InputError(file: source.path, problem: "the population raster has no georeferencing or CRS")
        }
        let width = source.width, height = source.height
        let area: (Int) -> Double
        if srs.isGeographic {
            // Cell area of row r on the WGS 84 ellipsoid (rotation ignored: lon/lat rasters are north-up in practice).
            area = { r in
                let top = gt.originY + Double(r) * gt.pixelHeight
                return CellArea.ellipsoidQuadrangle(lat1: top, lat2: top + gt.pixelHeight, dLon: gt.pixelWidth)
            }
        } else {
            let unit = srs.linearUnitMetres
            let planar = abs(gt.pixelWidth * gt.pixelHeight - gt.rowRotation * gt.columnRotation) * unit * unit
            area = { _ in planar }
        }
        let out = try RasterDataset.create(
            driver: "GTiff", path: path, width: width, height: height, bands: 1, type: .float64,
            options: ["TILED=YES", "COMPRESS=ZSTD", "ZSTD_LEVEL=1", "BIGTIFF=IF_SAFER"])
        try out.setGeoTransform(gt)
        try out.setSpatialReference(srs)
        let noData = band.noDataValue, scaling = ValueScaling(band)
        let rowsPerBlock = max(1, min(height, (1 << 22) / max(width, 1)))
        var buffer = [Double](repeating: 0, count: width * rowsPerBlock)
        for row in stride(from: 0, to: height, by: rowsPerBlock) {
            let window = PixelWindow(column: 0, row: row, width: width, height: min(rowsPerBlock, height - row))
            do { try buffer.withUnsafeMutableBufferPointer { try band.read(window, into: $0) } } catch {
                throw LayerSurvey.damaged(
                    source.path, band: index, strip: window, blockHeight: band.blockSize.height, error: error)
            }
            for r in 0..<window.height {
                let a = area(row + r)
                for c in 0..<width {
                    let raw = buffer[r * width + c], v = scaling.apply(raw)
                    buffer[r * width + c] = raw.isNaN || raw == noData || v <= 0 || !v.isFinite || a <= 0 ? 0 : v / a
                }
            }
            try buffer.withUnsafeBufferPointer {
                try out.band(1).write(window, from: UnsafeBufferPointer(rebasing: $0[0..<window.cellCount]))
            }
        }
        try out.flush()
    }
}
