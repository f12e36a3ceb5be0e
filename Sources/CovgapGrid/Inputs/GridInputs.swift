import CovgapSupport
import Foundation
import GDALBridge
import Logging

/// Brings every input onto the analysis grid with GDAL: communes rasterized, coverage and population warped as VRTs
/// that the kernel reads window by window (nothing full-size is held in memory).
public enum GridInputs {
    /// GeoTIFF creation options for scratch rasters: tiled like the kernel's tiles, compressed.
    public static func scratchOptions(tileSize: Int) -> [String] {
        [
            "TILED=YES", "BLOCKXSIZE=\(tileSize)", "BLOCKYSIZE=\(tileSize)", "COMPRESS=ZSTD", "ZSTD_LEVEL=1",
            "BIGTIFF=IF_SAFER",
            "PHOTOMETRIC=MINISBLACK", "INTERLEAVE=BAND",
        ]
    }

    /// Rasterizes communes (cell centre rule; where polygons overlap the lower commune code wins) into UInt32 ids.
    public static func rasterizeCommunes(
        _ communes: [Commune], gridGeometries: [WKBGeometry], grid: AnalysisGrid, gridCRS: SpatialReference,
        to path: String, tileSize: Int
    ) throws {
        let memory = try VectorDataset.create(driver: "Memory", path: "communes")
        let layer = try memory.createLayer(name: "communes", srs: gridCRS, geometry: .multiPolygon)
        try layer.createField("cid", type: .integer)
        // Burned in order, later features overwrite earlier ones: descending code puts the lowest code last.
        for i in communes.indices.sorted(by: { communes[$0].code > communes[$1].code }) {
            let f = layer.makeFeature()
            f.set(0, Int64(communes[i].id))
            f.setGeometry(try Geometry(gridGeometries[i]))
            try layer.add(f)
        }
        let args =
            ["-l", "communes", "-a", "cid", "-init", "0", "-ot", "UInt32", "-of", "GTiff", "-a_srs", grid.crsWKT]
            + grid.extentArguments + scratchOptions(tileSize: tileSize).flatMap { ["-co", $0] }
        _ = try GDALAlgorithms.rasterize(memory, to: path, arguments: args)
    }

    /// Opens a raster input and checks it can be placed on the grid: it opens, has the band, has a CRS, overlaps.
    public static func checkedRaster(
        _ path: String, band: Int, role: String, grid: AnalysisGrid, gridCRS: SpatialReference
    ) throws -> RasterDataset {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) || path.hasPrefix("/vsi") else {
            throw InputError(
                file: path, problem: "\(role) raster not found",
                hint: "check the path in the config (relative paths start at the config's folder)")
        }
        guard !isDir.boolValue else { throw InputError(file: path, problem: "is a folder, not a \(role) raster") }
        let ds: RasterDataset
        do { ds = try RasterDataset.open(path) } catch {
            throw InputError(
                file: path, problem: "cannot be read as a raster (\(error))",
                hint: "any format GDAL reads is accepted; check the file is complete")
        }
        guard band <= ds.bandCount else {
            throw InputError(
                file: path, location: "band \(band)", problem: "the raster has \(ds.bandCount) band(s)",
                hint: "set band to 1…\(ds.bandCount)")
        }
        let gt = try georeferencing(ds, path: path)
        guard let srs = ds.spatialReference else {
            throw InputError(
                file: path, problem: "the raster has no CRS",
                hint: "assign one, e.g. gdal_edit.py -a_srs EPSG:4326 \(path)")
        }
        let box = try extent(of: ds, geoTransform: gt, from: srs, in: gridCRS)
        guard let box, box.intersects(grid.envelope) else {
            throw InputError(
                file: path, problem: "the \(role) raster does not overlap the communes",
                hint: "check that it covers the selected provinces and that its CRS is right (lon/lat not swapped)")
        }
        return ds
    }

    /// The raster's geotransform, or the true reason it has none: no georeferencing, a zero or negative-determinant
    /// cell size, or only ground control points (a GeoTIFF tie point without a pixel scale reads as one).
    static func georeferencing(_ ds: RasterDataset, path: String) throws -> GeoTransform {
        guard let gt = ds.geoTransform else {
            let gcps = ds.groundControlPointCount
            if (1...2).contains(gcps) {
                throw InputError(
                    file: path,
                    problem:
                        "the raster has a zero cell size: its georeferencing is \(gcps) tie point(s) with no pixel "
                        + "scale",
                    hint: "set the cell size, e.g. gdal_translate -a_ullr ULX ULY LRX LRY \(path) fixed.tif")
            }
            if gcps > 2 {
                throw InputError(
                    file: path,
                    problem: "the raster is georeferenced by \(gcps) ground control points, not a geotransform",
                    hint: "rectify it first, e.g. gdalwarp -t_srs EPSG:4326 \(path) rectified.tif")
            }
            throw InputError(
                file: path, problem: "the raster has no georeferencing (geotransform)",
                hint: "georeference it before use")
        }
        guard gt.pixelWidth != 0 || gt.rowRotation != 0, gt.pixelHeight != 0 || gt.columnRotation != 0,
            gt.inverse != nil
        else {
            throw InputError(
                file: path, problem: "the geotransform has a zero cell size (\(gt.coefficients))",
                hint: "fix its georeferencing")
        }
        return gt
    }

    /// A raster's extent in another CRS: 21 points along each edge transformed (edges bend under reprojection);
    /// nil when no point can be transformed.
    public static func extent(
        of ds: RasterDataset, geoTransform gt: GeoTransform, from srs: SpatialReference, in target: SpatialReference
    ) throws -> Envelope? {
        try extent(width: ds.width, height: ds.height, geoTransform: gt, from: srs, in: target)
    }

    /// The extent of a `width` × `height` grid placed by `gt` in `srs`, in `target` (21 points along each edge).
    public static func extent(
        width: Int, height: Int, geoTransform gt: GeoTransform, from srs: SpatialReference,
        in target: SpatialReference
    ) throws -> Envelope? {
        let transform = try CoordinateTransform(from: srs, to: target)
        var xs: [Double] = [], ys: [Double] = []
        for k in 0...20 {
            let f = Double(k) / 20
            for (c, r) in [(f, 0.0), (f, 1.0), (0.0, f), (1.0, f)] {
                let p = gt.apply(column: c * Double(width), row: r * Double(height))
                xs.append(p.x); ys.append(p.y)
            }
        }
        transform.transform(x: &xs, y: &ys)
        let pairs = zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }
        guard !pairs.isEmpty else { return nil }
        return Envelope(
            minX: pairs.map(\.0).min()!, maxX: pairs.map(\.0).max()!, minY: pairs.map(\.1).min()!,
            maxY: pairs.map(\.1).max()!)
    }

    /// A warped VRT of `source` on the grid: Float32 with NaN nodata (source nodata and cells outside the source
    /// alike). With `noMasks`, the bands keep their type and no validity masks are built (GDAL's fast kernels): the
    /// source values are copied as they are, its nodata included, and cells outside the source are set to `noMasks`.
    /// With another `format` (and its `creationOptions`), the warp is written out as a file of that format instead,
    /// on `threads` of GDAL's warp workers (each cell is computed alike whatever their number). Errors name `file`
    /// (the user's file when `source` is a scratch copy of it).
    public static func warpVRT(
        _ source: RasterDataset, grid: AnalysisGrid, resampling: String, type: String, errorPixels: Double = 0.125,
        noMasks: Double? = nil, format: String = "VRT", creationOptions: [String] = [], threads: Int = 1,
        file: String? = nil, to path: String
    ) throws {
        let nodata = noMasks.map { ["-srcnodata", "None", "-wo", "INIT_DEST=\($0)"] } ?? ["-dstnodata", "nan"]
        let args =
            ["-of", format, "-ot", type, "-r", resampling, "-et", "\(errorPixels)", "-t_srs", grid.crsWKT]
            + nodata + creationOptions.flatMap { ["-co", $0] } + grid.extentArguments
            + (threads > 1 ? ["-wo", "NUM_THREADS=\(threads)"] : [])
        do { _ = try GDALAlgorithms.warp(source, to: path, arguments: args) } catch {
            throw InputError(
                file: file ?? source.path, problem: "cannot be warped onto the analysis grid (\(error))",
                hint: resampling == "sum" ? "" : "check the resampling name (near, average, max, ...)")
        }
    }
}
