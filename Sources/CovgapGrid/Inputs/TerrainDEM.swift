import CovgapModel
import CovgapTerrain
import Foundation
import GDALBridge

/// The DEM on the output grid padded on every side (so a site outside the area still sees the terrain between it and
/// the area), warped once into a scratch GeoTIFF that every worker reads windows of.
public struct TerrainDEM: Sendable {
    /// The scratch GeoTIFF (Float32, the source's stored numbers).
    public let path: String
    /// The source band's scale and offset, applied on reading.
    public let scaling: ValueScaling
    /// The padded grid's size and placement.
    public let width: Int, height: Int
    public let geoTransform: GeoTransform
    /// Void cells of the source around the area, filled before the warp (`DEMVoids`).
    public let voidCells: Int

    /// Warps `source` (checked as a raster that overlaps the area, its voids filled) bilinearly onto `grid` padded by
    /// `rangeMetres`, with exact coordinate transforms.
    public static func warp(
        _ source: String, onto grid: AnalysisGrid, srs: SpatialReference, rangeMetres: Double, threads: Int = 1,
        scratch: String
    ) throws -> TerrainDEM {
        let r = grid.resolutionMetres, pad = Int((rangeMetres / r).rounded(.up)) + 2
        let gt = grid.geoTransform
        let padded = GeoTransform(
            originX: gt.originX - Double(pad) * r, pixelWidth: r, originY: gt.originY + Double(pad) * r,
            pixelHeight: -r)
        let (width, height) = (grid.width + 2 * pad, grid.height + 2 * pad)
        let paddedGrid = AnalysisGrid(
            crsWKT: grid.crsWKT, geoTransform: padded, width: width, height: height, cellArea: .constant(r * r),
            resolutionMetres: r)
        let ds = try GridInputs.checkedRaster(source, band: 1, role: "DEM", grid: paddedGrid, gridCRS: srs)
        let scaling = ValueScaling(try ds.band(1))
        let voidFile = scratch + ".voids.tif"
        let filled = try DEMVoids.filled(ds, band: 1, covering: paddedGrid, areaSRS: srs, scratch: voidFile)
        // Exact transforms (-et 0): a height must not depend on how far the warp reaches, and an approximate
        // transformer's error (up to 0.125 cell) moves a ridge by metres.
        try GridInputs.warpVRT(
            filled.dataset, grid: paddedGrid, resampling: "bilinear", type: "Float32", errorPixels: 0, format: "GTiff",
            creationOptions: ["TILED=YES", "BIGTIFF=IF_SAFER"], threads: threads, file: source, to: scratch)
        if filled.voids > 0 { try? FileManager.default.removeItem(atPath: voidFile) }
        return TerrainDEM(
            path: scratch, scaling: scaling, width: width, height: height, geoTransform: padded,
            voidCells: filled.voids)
    }

    /// Heights in metres over the rectangle (grid CRS), as far as the padded DEM reaches.
    public func heights(minX: Double, minY: Double, maxX: Double, maxY: Double, band: RasterBand) throws -> HeightGrid {
        let gt = geoTransform, r = gt.pixelWidth
        let c0 = min(max(Int(((minX - gt.originX) / r).rounded(.down)), 0), width - 1)
        let r0 = min(max(Int(((gt.originY - maxY) / r).rounded(.down)), 0), height - 1)
        let c1 = min(max(Int(((maxX - gt.originX) / r).rounded(.up)), c0 + 1), width)
        let r1 = min(max(Int(((gt.originY - minY) / r).rounded(.up)), r0 + 1), height)
        return try read(PixelWindow(column: c0, row: r0, width: c1 - c0, height: r1 - r0), band: band)
    }

    /// One window of the padded DEM in metres (voids read as sea level by `HeightGrid`).
    private func read(_ window: PixelWindow, band: RasterBand) throws -> HeightGrid {
        var values = try band.read(window, as: Float.self)
        if !scaling.isIdentity {
            for i in values.indices where !values[i].isNaN { values[i] = Float(scaling.apply(Double(values[i]))) }
        }
        let gt = geoTransform
        return HeightGrid(
            values: values, width: window.width, height: window.height,
            originX: gt.originX + Double(window.column) * gt.pixelWidth,
            originY: gt.originY + Double(window.row) * gt.pixelHeight, cellSize: gt.pixelWidth)
    }
}
