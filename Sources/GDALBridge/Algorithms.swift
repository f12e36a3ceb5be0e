import CGDAL

/// GDAL's utilities and algorithms (gdalwarp, gdal_rasterize, gdal_polygonize, ogr2ogr) as library calls.
public enum GDALAlgorithms {
    /// Runs gdalwarp with command-line `arguments` from `source` into a new dataset at `destination`.
    public static func warp(
        _ source: RasterDataset, to destination: String, arguments: [String]
    ) throws -> RasterDataset {
        let args = CStringList(arguments)
        GDALRuntime.resetError()
        guard let options = GDALWarpAppOptionsNew(args.pointer, nil) else {
            throw GDALRuntime.takeError("gdalwarp options \(arguments)")
        }
        defer { GDALWarpAppOptionsFree(options) }
        var sources: [GDALDatasetH?] = [source.handle]
        var usageError: Int32 = 0
        // Returns the output dataset, NULL on failure.
        guard let out = GDALWarp(destination, nil, 1, &sources, options, &usageError) else {
            throw GDALRuntime.takeError("warping '\(source.path)' onto the analysis grid")
        }
        return RasterDataset(handle: out, path: destination)
    }

    /// Runs gdalbuildvrt with command-line `arguments` over `sources` into a new VRT at `destination`.
    public static func buildVRT(
        _ sources: [RasterDataset], to destination: String, arguments: [String]
    ) throws -> RasterDataset {
        let args = CStringList(arguments)
        GDALRuntime.resetError()
        guard let options = GDALBuildVRTOptionsNew(args.pointer, nil) else {
            throw GDALRuntime.takeError("gdalbuildvrt options \(arguments)")
        }
        defer { GDALBuildVRTOptionsFree(options) }
        var handles: [GDALDatasetH?] = sources.map(\.handle)
        var usageError: Int32 = 0
        // Returns the output dataset, NULL on failure.
        guard let out = GDALBuildVRT(destination, Int32(sources.count), &handles, nil, options, &usageError) else {
            throw GDALRuntime.takeError("stacking \(sources.map(\.path)) into one VRT")
        }
        return RasterDataset(handle: out, path: destination)
    }

    /// Runs gdal_rasterize with `arguments`, burning `source`'s layers into a new raster at `destination`.
    public static func rasterize(
        _ source: VectorDataset, to destination: String, arguments: [String]
    ) throws -> RasterDataset {
        let args = CStringList(arguments)
        GDALRuntime.resetError()
        guard let options = GDALRasterizeOptionsNew(args.pointer, nil) else {
            throw GDALRuntime.takeError("gdal_rasterize options \(arguments)")
        }
        defer { GDALRasterizeOptionsFree(options) }
        var usageError: Int32 = 0
        guard let out = GDALRasterize(destination, nil, source.handle, options, &usageError) else {
            throw GDALRuntime.takeError("rasterizing '\(source.path)'")
        }
        return RasterDataset(handle: out, path: destination)
    }

    /// Polygonizes `band` into `layer` (pixel value in field `valueField`); zero cells are skipped via `mask` or the
    /// band itself.
    public static func polygonize(
        _ band: RasterBand, mask: RasterBand?, into layer: VectorLayer, valueField: Int,
        eightConnected: Bool
    ) throws {
        let options = CStringList(eightConnected ? ["8CONNECTED=8"] : [])
        GDALRuntime.resetError()
        // Returns CE_None on success.
        let err = GDALPolygonize(
            band.handle, (mask ?? band).handle, layer.handle, Int32(valueField), options.pointer, nil, nil)
        guard err == CE_None else { throw GDALRuntime.takeError("polygonizing '\(band.dataset.path)'") }
    }
}

extension GDALAlgorithms {
    /// Runs gdal_translate with command-line `arguments` from `source` into a new dataset at `destination`.
    public static func translate(
        _ source: RasterDataset, to destination: String, arguments: [String]
    ) throws -> RasterDataset {
        let args = CStringList(arguments)
        GDALRuntime.resetError()
        guard let options = GDALTranslateOptionsNew(args.pointer, nil) else {
            throw GDALRuntime.takeError("gdal_translate options \(arguments)")
        }
        defer { GDALTranslateOptionsFree(options) }
        var usageError: Int32 = 0
        guard let out = GDALTranslate(destination, source.handle, options, &usageError) else {
            throw GDALRuntime.takeError("copying from '\(source.path)'")
        }
        return RasterDataset(handle: out, path: destination)
    }

    /// Fills `band`'s nodata cells in place by inverse-distance interpolation from the valid cells around them
    /// (GDALFillNodata), searching up to `maxSearchCells` away; cells farther than that from data stay nodata.
    public static func fillNodata(_ band: RasterBand, maxSearchCells: Double) throws {
        GDALRuntime.resetError()
        // Returns CE_None on success; a NULL mask band means the band's own validity mask.
        let err = GDALFillNodata(band.handle, nil, maxSearchCells, 0, 0, nil, nil, nil)
        guard err == CE_None else { throw GDALRuntime.takeError("filling the voids of '\(band.dataset.path)'") }
    }
}

extension GDALAlgorithms {
    /// Runs ogr2ogr with command-line `arguments`, copying `source`'s layers into the open dataset `destination`.
    public static func vectorTranslate(
        _ source: VectorDataset, into destination: VectorDataset, arguments: [String]
    ) throws {
        let args = CStringList(arguments)
        GDALRuntime.resetError()
        guard let options = GDALVectorTranslateOptionsNew(args.pointer, nil) else {
            throw GDALRuntime.takeError("ogr2ogr options \(arguments)")
        }
        defer { GDALVectorTranslateOptionsFree(options) }
        var sources: [GDALDatasetH?] = [source.handle]
        var usageError: Int32 = 0
        // Returns the destination dataset (not a new reference) on success, NULL on failure.
        guard GDALVectorTranslate(nil, destination.handle, 1, &sources, options, &usageError) != nil else {
            throw GDALRuntime.takeError("copying '\(source.path)' into '\(destination.path)'")
        }
    }
}
