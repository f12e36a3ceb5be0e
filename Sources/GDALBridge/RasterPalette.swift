import CGDAL

extension RasterBand {
    /// Gives the band a colour table (entry i is the colour of value i, RGBA) and marks it paletted, so viewers draw
    /// the values in these colours with no style of their own.
    public func setColorTable(_ entries: [(r: UInt8, g: UInt8, b: UInt8, a: UInt8)]) throws {
        guard let table = GDALCreateColorTable(GPI_RGB) else { throw GDALRuntime.takeError("creating a colour table") }
        defer { GDALDestroyColorTable(table) }
        for (i, e) in entries.enumerated() {
            var entry = GDALColorEntry(c1: Int16(e.r), c2: Int16(e.g), c3: Int16(e.b), c4: Int16(e.a))
            GDALSetColorEntry(table, Int32(i), &entry)
        }
        GDALRuntime.resetError()
        // Each returns CE_None on success.
        guard GDALSetRasterColorTable(handle, table) == CE_None,
            GDALSetRasterColorInterpretation(handle, GCI_PaletteIndex) == CE_None
        else { throw GDALRuntime.takeError("setting the colour table of '\(dataset.path)'") }
    }

    /// Names value i `names[i]` (GDAL's category names; a GeoTIFF keeps them in its `.aux.xml`).
    public func setCategoryNames(_ names: [String]) throws {
        let list = CStringList(names)
        GDALRuntime.resetError()
        guard GDALSetRasterCategoryNames(handle, list.pointer) == CE_None else {
            throw GDALRuntime.takeError("naming the categories of '\(dataset.path)'")
        }
    }
}
