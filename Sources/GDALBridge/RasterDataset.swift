import CGDAL

/// A pixel window of a raster: column/row offset and size (rasterio's `Window`).
public struct PixelWindow: Equatable, Hashable, Sendable {
    public var column: Int
    public var row: Int
    public var width: Int
    public var height: Int

    /// A window from its offset and size.
    public init(column: Int, row: Int, width: Int, height: Int) {
        self.column = column
        self.row = row
        self.width = width
        self.height = height
    }

    /// Number of cells in the window.
    public var cellCount: Int { width * height }
}

/// An open GDAL raster dataset (GDALDatasetH), closed in `deinit` (which also flushes writes).
public final class RasterDataset {
    let handle: GDALDatasetH
    /// The path or connection string it was opened or created with.
    public let path: String

    init(handle: GDALDatasetH, path: String) {
        self.handle = handle
        self.path = path
    }

    /// Opens a raster read-only (or for update), by the named drivers alone when `drivers` is given (a run's own
    /// files: a GeoTIFF that is really a VRT naming other files is refused). Throws GDAL's message when it cannot.
    public static func open(_ path: String, update: Bool = false, drivers: [String]? = nil) throws -> RasterDataset {
        RasterDataset(
            handle: try DatasetHandles.open(
                path, kind: GDAL_OF_RASTER, update: update, what: "raster", drivers: drivers), path: path)
    }

    /// Creates a new raster with `driver` ("GTiff", "MEM", ...) and creation options ("TILED=YES", ...).
    public static func create(
        driver: String, path: String, width: Int, height: Int, bands: Int,
        type: RasterDataType, options: [String] = []
    ) throws -> RasterDataset {
        let h = try DatasetHandles.create(
            driver: driver, path: path, width: width, height: height, bands: bands, type: type.gdalType,
            options: options + (type == .int8 ? ["PIXELTYPE=SIGNEDBYTE"] : []))
        return RasterDataset(handle: h, path: path)
    }

    deinit { GDALClose(handle) }

    /// Copies this raster to `path` with `driver` (GDALCreateCopy: blocks written in order, so the file's bytes do not
    /// depend on the order the source was written in); returns NULL on failure, thrown with GDAL's message.
    @discardableResult
    public func copy(to path: String, driver: String, options: [String] = []) throws -> RasterDataset {
        GDALRuntime.resetError()
        guard let drv = GDALGetDriverByName(driver) else {
            throw GDALError(code: 0, message: "", context: "GDAL has no driver named '\(driver)'")
        }
        let opts = CStringList(options)
        guard let h = GDALCreateCopy(drv, path, handle, 0, opts.pointer, nil, nil) else {
            throw GDALRuntime.takeError("copying '\(self.path)' to '\(path)'")
        }
        return RasterDataset(handle: h, path: path)
    }

    /// Writes every cached block of the dataset to its file now and reports a failed write; the dataset stays open.
    public func flush() throws {
        GDALRuntime.resetError()
        GDALFlushCache(handle)
        if CPLGetLastErrorType() == CE_Failure { throw GDALRuntime.takeError("writing raster '\(path)'") }
    }

    public var width: Int { Int(GDALGetRasterXSize(handle)) }
    public var height: Int { Int(GDALGetRasterYSize(handle)) }
    public var bandCount: Int { Int(GDALGetRasterCount(handle)) }
    /// The driver's short name, e.g. "GTiff".
    public var driverName: String {
        guard let d = GDALGetDatasetDriver(handle) else { return "" }
        return String(cString: GDALGetDriverShortName(d))
    }

    /// The geotransform, or nil when the raster has none (GDAL then reports the identity transform).
    public var geoTransform: GeoTransform? {
        var c = [Double](repeating: 0, count: 6)
        // Returns CE_Failure when no geotransform is set.
        guard GDALGetGeoTransform(handle, &c) == CE_None else { return nil }
        return GeoTransform(coefficients: c)
    }

    /// Sets the geotransform; throws GDAL's message when the driver refuses it.
    public func setGeoTransform(_ transform: GeoTransform) throws {
        var c = transform.coefficients
        GDALRuntime.resetError()
        guard GDALSetGeoTransform(handle, &c) == CE_None else {
            throw GDALRuntime.takeError("setting the geotransform of '\(path)'")
        }
    }

    /// The CRS, or nil when the raster carries none.
    public var spatialReference: SpatialReference? {
        SpatialReference.cloning(GDALGetSpatialRef(handle))
    }

    /// Sets the CRS; throws GDAL's message when the driver refuses it.
    /// How many ground control points the raster carries (GDAL reads a GeoTIFF tie point without a pixel scale, a
    /// zero cell size, as one).
    public var groundControlPointCount: Int { Int(GDALGetGCPCount(handle)) }

    public func setSpatialReference(_ srs: SpatialReference) throws {
        GDALRuntime.resetError()
        guard GDALSetSpatialRef(handle, srs.handle) == CE_None else {
            throw GDALRuntime.takeError("setting the CRS of '\(path)'")
        }
    }

    /// Band `index` counted from 1, as GDAL does.
    public func band(_ index: Int) throws -> RasterBand {
        guard index >= 1, index <= bandCount, let h = GDALGetRasterBand(handle, Int32(index)) else {
            throw GDALError(code: 0, message: "", context: "'\(path)' has no band \(index) (it has \(bandCount))")
        }
        return RasterBand(handle: h, dataset: self, index: index)
    }

    /// Sets a metadata item in the default domain.
    public func setMetadataItem(_ key: String, _ value: String) {
        GDALSetMetadataItem(handle, key, value, nil)
    }

    /// Reads `window` of `bands` (1-based) in one call into `buffer`, band after band (each window.width ×
    /// window.height,
    /// row-major), converting to `T`. One call lets a multi-band source (a warped stack) do its work once for all
    /// bands.
    public func read<T: RasterScalar>(
        _ window: PixelWindow, bands: [Int], into buffer: UnsafeMutableBufferPointer<T>
    ) throws {
        precondition(buffer.count >= window.cellCount * bands.count)
        var map = bands.map(Int32.init)
        GDALRuntime.resetError()
        // Returns CE_Failure on read errors (corrupt block, missing file).
        let err = GDALDatasetRasterIO(
            handle, GF_Read, Int32(window.column), Int32(window.row), Int32(window.width), Int32(window.height),
            buffer.baseAddress, Int32(window.width), Int32(window.height), T.rasterType.gdalType,
            Int32(bands.count), &map, 0, 0, 0)
        guard err == CE_None else {
            throw GDALRuntime.takeError(
                "reading bands \(bands) of '\(path)' at column \(window.column), row \(window.row)")
        }
    }

    /// A metadata item of the default domain, nil when absent.
    public func metadataItem(_ key: String) -> String? {
        GDALGetMetadataItem(handle, key, nil).map { String(cString: $0) }
    }
}

@available(*, unavailable)
extension RasterDataset: Sendable {}

/// One band of a raster dataset; keeps its dataset alive. Borrowed handle: GDAL owns it.
public final class RasterBand {
    let handle: GDALRasterBandH
    /// The dataset this band belongs to (kept alive while the band is used).
    public let dataset: RasterDataset
    /// 1-based band number.
    public let index: Int

    init(handle: GDALRasterBandH, dataset: RasterDataset, index: Int) {
        self.handle = handle
        self.dataset = dataset
        self.index = index
    }

    public var dataType: RasterDataType {
        let t = RasterDataType(GDALGetRasterDataType(handle))
        if t == .byte, let v = GDALGetMetadataItem(handle, "PIXELTYPE", "IMAGE_STRUCTURE"),
            String(cString: v) == "SIGNEDBYTE"
        {
            return .int8
        }
        return t
    }

    /// The nodata value, nil when none is set.
    public var noDataValue: Double? {
        var has: Int32 = 0
        let value = GDALGetRasterNoDataValue(handle, &has)
        return has != 0 ? value : nil
    }

    /// The band's declared scale (GDAL: value = raw × scale + offset); 1 when none is declared.
    public var scale: Double {
        var has: Int32 = 0
        let v = GDALGetRasterScale(handle, &has)
        return has != 0 && v.isFinite && v != 0 ? v : 1
    }

    /// The band's declared offset; 0 when none is declared.
    public var offset: Double {
        var has: Int32 = 0
        let v = GDALGetRasterOffset(handle, &has)
        return has != 0 && v.isFinite ? v : 0
    }

    /// Declares the band's scale and offset (value = raw × scale + offset).
    public func setScale(_ scale: Double, offset: Double) throws {
        GDALRuntime.resetError()
        guard GDALSetRasterScale(handle, scale) == CE_None, GDALSetRasterOffset(handle, offset) == CE_None else {
            throw GDALRuntime.takeError("setting scale and offset on '\(dataset.path)'")
        }
    }

    /// Minimum and maximum of the valid values (nodata and NaN excluded), from overviews or a sample when
    /// `approximate`;
    /// nil when the band has no valid value.
    public func minMax(approximate: Bool) -> (min: Double, max: Double)? {
        var mm = [Double](repeating: 0, count: 2)
        GDALRuntime.resetError()
        // Returns CE_Failure when every value is nodata.
        guard GDALComputeRasterMinMax(handle, approximate ? 1 : 0, &mm) == CE_None else {
            GDALRuntime.resetError()
            return nil
        }
        return (mm[0], mm[1])
    }

    /// Sets a band metadata item in the default domain.
    public func setMetadataItem(_ key: String, _ value: String) { GDALSetMetadataItem(handle, key, value, nil) }

    /// Sets the band's description (shown by gdalinfo and QGIS as the band name).
    public func setDescription(_ text: String) { GDALSetDescription(handle, text) }

    /// A metadata item of the default domain, nil when absent.
    public func metadataItem(_ key: String) -> String? {
        GDALGetMetadataItem(handle, key, nil).map { String(cString: $0) }
    }

    /// Sets the nodata value; throws GDAL's message when the driver refuses it.
    public func setNoDataValue(_ value: Double) throws {
        GDALRuntime.resetError()
        guard GDALSetRasterNoDataValue(handle, value) == CE_None else {
            throw GDALRuntime.takeError("setting nodata on '\(dataset.path)'")
        }
    }

    /// The natural block size (width, height).
    public var blockSize: (width: Int, height: Int) {
        var w: Int32 = 0
        var h: Int32 = 0
        GDALGetBlockSize(handle, &w, &h)
        return (Int(w), Int(h))
    }

    /// Reads `window` into `buffer` (row-major, window.width × window.height), converting to `T`.
    public func read<T: RasterScalar>(_ window: PixelWindow, into buffer: UnsafeMutableBufferPointer<T>) throws {
        precondition(buffer.count >= window.cellCount)
        GDALRuntime.resetError()
        // Returns CE_Failure on read errors (corrupt block, missing file).
        let err = GDALRasterIO(
            handle, GF_Read, Int32(window.column), Int32(window.row), Int32(window.width), Int32(window.height),
            buffer.baseAddress, Int32(window.width), Int32(window.height), T.rasterType.gdalType, 0, 0)
        guard err == CE_None else {
            throw GDALRuntime.takeError(
                "reading band \(index) of '\(dataset.path)' at column \(window.column), row \(window.row)")
        }
    }

    /// Writes `buffer` (row-major, window.width × window.height) into `window`.
    public func write<T: RasterScalar>(_ window: PixelWindow, from buffer: UnsafeBufferPointer<T>) throws {
        precondition(buffer.count >= window.cellCount)
        GDALRuntime.resetError()
        let err = GDALRasterIO(
            handle, GF_Write, Int32(window.column), Int32(window.row), Int32(window.width), Int32(window.height),
            UnsafeMutableRawPointer(mutating: buffer.baseAddress), Int32(window.width), Int32(window.height),
            T.rasterType.gdalType, 0, 0)
        guard err == CE_None else {
            throw GDALRuntime.takeError(
                "writing band \(index) of '\(dataset.path)' at column \(window.column), row \(window.row)")
        }
    }

    /// Reads `window` resampled (nearest) into a `width` × `height` buffer: a cheap overview for pictures.
    public func readResampled<T: RasterScalar & Numeric>(
        _ window: PixelWindow, width: Int, height: Int, as: T.Type = T.self
    ) throws -> [T] {
        var out = [T](repeating: 0, count: width * height)
        GDALRuntime.resetError()
        let err = out.withUnsafeMutableBufferPointer {
            GDALRasterIO(
                handle, GF_Read, Int32(window.column), Int32(window.row), Int32(window.width), Int32(window.height),
                $0.baseAddress, Int32(width), Int32(height), T.rasterType.gdalType, 0, 0)
        }
        guard err == CE_None else {
            throw GDALRuntime.takeError("reading an overview of band \(index) of '\(dataset.path)'")
        }
        return out
    }

    /// Convenience: reads a window into a new array.
    public func read<T: RasterScalar & Numeric>(_ window: PixelWindow, as: T.Type = T.self) throws -> [T] {
        var out = [T](repeating: 0, count: window.cellCount)
        try out.withUnsafeMutableBufferPointer { try read(window, into: $0) }
        return out
    }

    /// Convenience: writes an array into a window.
    public func write<T: RasterScalar>(_ window: PixelWindow, values: [T]) throws {
        try values.withUnsafeBufferPointer { try write(window, from: $0) }
    }
}

@available(*, unavailable)
extension RasterBand: Sendable {}
