import CovgapModel
import Foundation
import GDALBridge

/// A DEM's voids (SRTM's −32768 cells: steep slopes and radar shadow) filled before the DEM is warped, so that a void
/// on a ridge does not read as a pit to sea level. Only the source window around the area is copied and filled, so
/// cells beyond the DEM's own edge are never extrapolated.
enum DEMVoids {
    /// How far (in source cells) a void looks for data; a void wider than twice this stays a void (sea level).
    static let searchCells = 100

    /// `source`, or a filled scratch copy of the window that covers `area` when that window holds voids; with the
    /// number of void cells found there.
    static func filled(
        _ source: RasterDataset, band: Int, covering area: AnalysisGrid, areaSRS: SpatialReference, scratch: String
    ) throws -> (dataset: RasterDataset, voids: Int) {
        let b = try source.band(band)
        guard let nodata = b.noDataValue, let window = try sourceWindow(source, covering: area, areaSRS: areaSRS)
        else { return (source, 0) }
        let voids = try count(nodata, in: b, window: window)
        guard voids > 0 else { return (source, 0) }
        let copy = try GDALAlgorithms.translate(
            source, to: scratch,
            arguments: [
                "-of", "GTiff", "-b", "\(band)", "-ot", "Float32", "-co", "TILED=YES",
                "-srcwin", "\(window.column)", "\(window.row)", "\(window.width)", "\(window.height)",
            ])
        try GDALAlgorithms.fillNodata(try copy.band(1), maxSearchCells: Double(searchCells))
        try copy.flush()
        return (copy, voids)
    }

    /// The source cells under `area` (its edges transformed into the source's CRS) widened by the search distance,
    /// clipped to the raster; nil when they miss it.
    static func sourceWindow(
        _ source: RasterDataset, covering area: AnalysisGrid, areaSRS: SpatialReference
    ) throws -> PixelWindow? {
        guard let srs = source.spatialReference, let gt = source.geoTransform,
            let box = try GridInputs.extent(
                width: area.width, height: area.height, geoTransform: area.geoTransform, from: areaSRS, in: srs)
        else { return nil }
        let corners = [(box.minX, box.minY), (box.minX, box.maxY), (box.maxX, box.minY), (box.maxX, box.maxY)]
            .map { gt.pixel(x: $0.0, y: $0.1) }
        let pad = searchCells
        let c0 = max(Int(corners.map(\.column).min()!.rounded(.down)) - pad, 0)
        let r0 = max(Int(corners.map(\.row).min()!.rounded(.down)) - pad, 0)
        let c1 = min(Int(corners.map(\.column).max()!.rounded(.up)) + pad, source.width)
        let r1 = min(Int(corners.map(\.row).max()!.rounded(.up)) + pad, source.height)
        guard c1 > c0, r1 > r0 else { return nil }
        return PixelWindow(column: c0, row: r0, width: c1 - c0, height: r1 - r0)
    }

    /// Cells equal to `nodata` (or NaN) in `window`, read 256 rows at a time.
    static func count(_ nodata: Double, in band: RasterBand, window: PixelWindow) throws -> Int {
        var voids = 0, row = window.row
        let void = Float(nodata)
        while row < window.row + window.height {
            let rows = min(256, window.row + window.height - row)
            let values = try band.read(
                PixelWindow(column: window.column, row: row, width: window.width, height: rows), as: Float.self)
            voids += values.reduce(0) { $0 + ($1 == void || $1.isNaN ? 1 : 0) }
            row += rows
        }
        return voids
    }
}
