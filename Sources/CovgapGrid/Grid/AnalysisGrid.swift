import GDALBridge

/// The one grid every layer is brought onto: CRS, north-up geotransform, size and true cell areas.
public struct AnalysisGrid: Sendable, Codable {
    /// The grid's CRS as WKT2.
    public let crsWKT: String
    public let geoTransform: GeoTransform
    public let width: Int
    public let height: Int
    public let cellArea: CellArea
    /// Nominal cell side in metres (exact on a projected grid; at the equator on a lon/lat grid).
    public let resolutionMetres: Double

    /// A grid from its parts (normally built by `GridBuilder`).
    public init(
        crsWKT: String, geoTransform: GeoTransform, width: Int, height: Int, cellArea: CellArea,
        resolutionMetres: Double
    ) {
        self.crsWKT = crsWKT
        self.geoTransform = geoTransform
        self.width = width
        self.height = height
        self.cellArea = cellArea
        self.resolutionMetres = resolutionMetres
    }

    public var cellCount: Int { width * height }

    /// The cell holding grid-CRS point (x, y), nil outside the grid.
    public func cell(x: Double, y: Double) -> (column: Int, row: Int)? {
        guard let (c, r) = geoTransform.cell(x: x, y: y), c >= 0, r >= 0, c < width, r < height else { return nil }
        return (c, r)
    }

    /// True for a lon/lat grid (its cell areas vary by row).
    public var isGeographic: Bool {
        if case .perRow = cellArea { return true }
        return false
    }

    /// The grid's extent in its own CRS.
    public var envelope: Envelope {
        Envelope(
            minX: geoTransform.originX, maxX: geoTransform.originX + Double(width) * geoTransform.pixelWidth,
            minY: geoTransform.originY + Double(height) * geoTransform.pixelHeight, maxY: geoTransform.originY)
    }

    /// gdalwarp/gdal_rasterize arguments for this grid's extent and size (add the CRS with -t_srs or -a_srs).
    public var extentArguments: [String] {
        let e = envelope
        return ["-te", "\(e.minX)", "\(e.minY)", "\(e.maxX)", "\(e.maxY)", "-ts", "\(width)", "\(height)"]
    }

    /// Row-major tiles of at most `size` × `size` cells covering the grid.
    public func tiles(size: Int) -> [PixelWindow] {
        var out: [PixelWindow] = []
        for row in stride(from: 0, to: height, by: size) {
            for col in stride(from: 0, to: width, by: size) {
                out.append(
                    PixelWindow(column: col, row: row, width: min(size, width - col), height: min(size, height - row)))
            }
        }
        return out
    }

    /// Tiles per grid row of tiles.
    public func tileColumns(size: Int) -> Int { (width + size - 1) / size }
}
