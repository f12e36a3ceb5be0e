import GDALBridge

/// Where the kernel reads coverage: on each grid row, the columns from `marginCells` west of the westmost to
/// `marginCells` east of the eastmost commune bounding box that reaches within `marginCells` rows of that row.
///
/// Every cell within `marginCells` of a commune cell, in any direction, is inside (a commune's cells lie in its
/// bounding box), so a distance from a dead zone to coverage is exact up to the margin; beyond it, it is the distance
/// to the nearest coverage inside the area. Cells outside are never read: their coverage bits are "undetermined".
/// Built from the communes' bounding boxes alone, so it costs nothing and does not depend on tiles or threads.
public struct AreaOfInterest: Sendable {
    /// First and last column (inclusive) inside, per row; `first > last` where a row has none.
    private let first: [Int32]
    private let last: [Int32]

    /// The area for communes whose bounding boxes (in the grid CRS) are `envelopes`, `marginCells` around them.
    init(grid: AnalysisGrid, envelopes: [Envelope], marginCells: Int) {
        var first = [Int32](repeating: Int32(grid.width), count: grid.height)
        var last = [Int32](repeating: -1, count: grid.height)
        let gt = grid.geoTransform
        // A cell is a commune's when its centre is inside the polygon, so inside the bounding box: these are the cells
        // whose centres are in [lo, hi] on an axis (edges included, and a hair more against rounding).
        func cells(_ lo: Double, _ hi: Double, origin: Double, size: Double, count: Int) -> ClosedRange<Int>? {
            let u = (lo - origin) / size, v = (hi - origin) / size
            let first = (min(u, v) - 0.5 - 1e-9).rounded(.up), last = (max(u, v) - 0.5 + 1e-9).rounded(.down)
            guard first.isFinite, last.isFinite else { return nil }
            let a = max(0, Int(max(-1e9, first)) - marginCells), b = min(count - 1, Int(min(1e9, last)) + marginCells)
            return a <= b ? a...b : nil
        }
        for e in envelopes {
            guard let columns = cells(e.minX, e.maxX, origin: gt.originX, size: gt.pixelWidth, count: grid.width),
                let rows = cells(e.minY, e.maxY, origin: gt.originY, size: gt.pixelHeight, count: grid.height)
            else { continue }
            for r in rows {
                first[r] = min(first[r], Int32(columns.lowerBound))
                last[r] = max(last[r], Int32(columns.upperBound))
            }
        }
        self.first = first
        self.last = last
    }

    /// The first and last column inside on `row` (`first > last` when none).
    @inline(__always)
    public func columns(row: Int) -> (first: Int, last: Int) { (Int(first[row]), Int(last[row])) }

    /// Whether any cell of `window` is inside.
    public func touches(_ window: PixelWindow) -> Bool {
        (window.row..<(window.row + window.height)).contains { r in
            Int(first[r]) < window.column + window.width && Int(last[r]) >= window.column
        }
    }

    /// The number of cells inside.
    public var cellCount: Int { zip(first, last).reduce(0) { $0 + max(0, Int($1.1) - Int($1.0) + 1) } }
}
