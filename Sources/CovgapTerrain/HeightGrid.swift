/// Ground heights (metres above sea level) on a north-up grid in a projected CRS, for sampling along profiles;
/// voids and cells off the DEM read as sea level.
public struct HeightGrid: Sendable {
    /// Row-major heights, `width` × `height`, row 0 at the top.
    public let values: [Float]
    public let width: Int, height: Int
    /// The x of the left edge and the y of the top edge of the grid, in metres.
    public let originX: Double, originY: Double
    /// The cell side in metres (square cells).
    public let cellSize: Double

    /// A grid over `values` with NaN voids read as 0.
    public init(values: [Float], width: Int, height: Int, originX: Double, originY: Double, cellSize: Double) {
        precondition(values.count == width * height, "HeightGrid: \(values.count) values for \(width) × \(height)")
        self.values = values.map { $0.isNaN ? 0 : $0 }
        self.width = width
        self.height = height
        self.originX = originX
        self.originY = originY
        self.cellSize = cellSize
    }

    /// Bilinear height at (x, y) between cell centres; the nearest edge cell beyond the outer centres.
    public func sample(x: Double, y: Double) -> Float {
        let fx = (x - originX) / cellSize - 0.5, fy = (originY - y) / cellSize - 0.5
        let cx = min(max(fx, 0), Double(width - 1)), cy = min(max(fy, 0), Double(height - 1))
        let c0 = Int(cx), r0 = Int(cy)
        let c1 = min(c0 + 1, width - 1), r1 = min(r0 + 1, height - 1)
        let tx = Float(cx - Double(c0)), ty = Float(cy - Double(r0))
        let top = values[r0 * width + c0] * (1 - tx) + values[r0 * width + c1] * tx
        let bottom = values[r1 * width + c0] * (1 - tx) + values[r1 * width + c1] * tx
        return top * (1 - ty) + bottom * ty
    }
}
