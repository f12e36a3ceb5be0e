/// The upper convex hull of points added from left to right (Andrew's monotone chain), with the two questions the
/// profile sweep asks of the points behind a receiver, each answered by bisection over the hull's vertices:
/// the largest y − m·x, and the steepest elevation seen from a point to the right of them all.
struct UpperHull {
    private var xs: [Double] = [], ys: [Double] = []

    /// An empty hull with room for `capacity` points.
    init(capacity: Int) {
        xs.reserveCapacity(capacity)
        ys.reserveCapacity(capacity)
    }

    var isEmpty: Bool { xs.isEmpty }

    /// Adds a point to the right of every point so far, dropping the vertices it makes non-convex.
    mutating func append(x: Double, y: Double) {
        while xs.count >= 2 {
            let n = xs.count
            let cross = (xs[n - 1] - xs[n - 2]) * (y - ys[n - 2]) - (ys[n - 1] - ys[n - 2]) * (x - xs[n - 2])
            guard cross >= 0 else { break }
            xs.removeLast()
            ys.removeLast()
        }
        xs.append(x)
        ys.append(y)
    }

    /// The largest y − `slope`·x over the points (the hull is concave, so y − slope·x rises then falls along it).
    func maxLinear(slope: Double) -> Double {
        peak { k in ys[k] - slope * xs[k] }
    }

    /// The largest (y − qy) / (qx − x) over the points, for (qx, qy) to the right of every point: the steepest
    /// elevation at which a viewer there sees one of them.
    func maxElevation(fromX qx: Double, y qy: Double) -> Double {
        peak { k in (ys[k] - qy) / (qx - xs[k]) }
    }

    /// The largest of `f` over the vertices, for `f` rising then falling along them.
    private func peak(_ f: (Int) -> Double) -> Double {
        precondition(!xs.isEmpty, "UpperHull: no points")
        var lo = 0, hi = xs.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if f(mid) < f(mid + 1) { lo = mid + 1 } else { hi = mid }
        }
        return f(lo)
    }
}
