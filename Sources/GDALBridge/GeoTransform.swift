/// An affine map from pixel (col, row) to georeferenced (x, y), in GDAL's six-coefficient order.
public struct GeoTransform: Equatable, Sendable, Codable {
    public var originX: Double
    public var pixelWidth: Double
    public var rowRotation: Double
    public var originY: Double
    public var columnRotation: Double
    public var pixelHeight: Double

    /// A geotransform from its coefficients (rotations default to 0: north-up).
    public init(
        originX: Double, pixelWidth: Double, rowRotation: Double = 0,
        originY: Double, columnRotation: Double = 0, pixelHeight: Double
    ) {
        self.originX = originX
        self.pixelWidth = pixelWidth
        self.rowRotation = rowRotation
        self.originY = originY
        self.columnRotation = columnRotation
        self.pixelHeight = pixelHeight
    }

    init(coefficients c: [Double]) {
        self.init(
            originX: c[0], pixelWidth: c[1], rowRotation: c[2], originY: c[3], columnRotation: c[4], pixelHeight: c[5])
    }

    /// The six coefficients in GDAL order.
    public var coefficients: [Double] { [originX, pixelWidth, rowRotation, originY, columnRotation, pixelHeight] }

    /// True when the raster is north-up (no rotation terms).
    public var isNorthUp: Bool { rowRotation == 0 && columnRotation == 0 }

    /// The map from georeferenced (x, y) back to fractional (column, row); nil when the transform is singular (a zero
    /// cell size).
    public var inverse: GeoTransform? {
        let det = pixelWidth * pixelHeight - rowRotation * columnRotation
        guard det != 0, det.isFinite else { return nil }
        let a = pixelHeight / det, b = -rowRotation / det, d = -columnRotation / det, e = pixelWidth / det
        return GeoTransform(
            originX: -(a * originX + b * originY), pixelWidth: a, rowRotation: b,
            originY: -(d * originX + e * originY), columnRotation: d, pixelHeight: e)
    }

    /// The fractional (column, row) of georeferenced (x, y): on a north-up grid exactly `(x − originX) / pixelWidth`
    /// and its row twin (so a point on a cell edge lands in the cell it starts), otherwise through `inverse`.
    public func pixel(x: Double, y: Double) -> (column: Double, row: Double) {
        if isNorthUp { return ((x - originX) / pixelWidth, (y - originY) / pixelHeight) }
        guard let inv = inverse else { return (.nan, .nan) }
        let p = inv.apply(column: x, row: y)
        return (p.x, p.y)
    }

    /// The whole cell holding georeferenced (x, y) (column and row may lie outside the raster); nil when the
    /// position is not finite or beyond `Int`.
    public func cell(x: Double, y: Double) -> (column: Int, row: Int)? {
        let p = pixel(x: x, y: y)
        let c = p.column.rounded(.down), r = p.row.rounded(.down)
        guard c.isFinite, r.isFinite, abs(c) < 1e15, abs(r) < 1e15 else { return nil }
        return (Int(c), Int(r))
    }

    /// Georeferenced coordinates of a fractional pixel position.
    public func apply(column: Double, row: Double) -> (x: Double, y: Double) {
        (originX + column * pixelWidth + row * rowRotation, originY + column * columnRotation + row * pixelHeight)
    }
}
