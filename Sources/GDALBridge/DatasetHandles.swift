import CGDAL

/// The shared C steps behind `RasterDataset` and `VectorDataset`: open with flags, create with a named driver.
enum DatasetHandles {
    /// GDALOpenEx with `kind` (GDAL_OF_RASTER or GDAL_OF_VECTOR), by the named drivers only when `drivers` is given;
    /// returns NULL on failure, thrown with GDAL's message.
    static func open(
        _ path: String, kind: Int32, update: Bool, what: String, drivers: [String]? = nil
    ) throws -> GDALDatasetH {
        GDALRuntime.resetError()
        let flags = UInt32(kind | GDAL_OF_VERBOSE_ERROR) | (update ? UInt32(GDAL_OF_UPDATE) : 0)
        let allowed = drivers.map { CStringList($0) }
        // NULL when the file is not of an allowed driver's format; the list must outlive the call.
        let opened = withExtendedLifetime(allowed) { GDALOpenEx(path, flags, allowed?.constPointer, nil, nil) }
        guard let h = opened else {
            let only = drivers.map { " as \($0.joined(separator: " or "))" } ?? ""
            throw GDALRuntime.takeError("opening \(what) '\(path)'\(only)")
        }
        return h
    }

    /// GDALCreate with the driver called `driver`; returns NULL on failure, thrown with GDAL's message.
    static func create(
        driver: String, path: String, width: Int, height: Int, bands: Int, type: GDALDataType,
        options: [String]
    ) throws -> GDALDatasetH {
        GDALRuntime.resetError()
        guard let drv = GDALGetDriverByName(driver) else {
            throw GDALError(code: 0, message: "", context: "GDAL has no driver named '\(driver)'")
        }
        let opts = CStringList(options)
        guard let h = GDALCreate(drv, path, Int32(width), Int32(height), Int32(bands), type, opts.pointer) else {
            throw GDALRuntime.takeError("creating '\(path)' with the \(driver) driver")
        }
        return h
    }
}
