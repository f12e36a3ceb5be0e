/// The upper convex hull of points added from left to right (Andrew's monotone chain), with the two questions the
/// profile sweep asks of the points behind a receiver, each answered by bisection over the hull's vertices:
/// the largest y − m·x, and the steepest elevation seen from a point to the right of them all.
///
/// The vertices live in two buffers allocated once and reused for every radial (`removeAll`), since the sweep adds
/// every point of every radial; one hull serves one thread.
final class UpperHull {
    private let xs: UnsafeMutablePointer<Double>, ys: UnsafeMutablePointer<Double>
    private let capacity: Int
    private var count = 0

    /// An empty hull with room for `capacity` points.
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        xs = .allocate(capacity: self.capacity)
        ys = .allocate(capacity: self.capacity)
    }

    deinit {
        xs.deallocate()
        ys.deallocate()
    }

    /// Forgets every point, keeping the buffers.
    func removeAll() { count = 0 }

    /// Adds a point to the right of every point so far, dropping the vertices it makes non-convex.
    func append(x: Double, y: Double) {
        while count >= 2 {
            let a = count - 2, b = count - 1
            let cross = (xs[b] - xs[a]) * (y - ys[a]) - (ys[b] - ys[a]) * (x - xs[a])
            guard cross >= 0 else { break }
            count -= 1
        }
        precondition(count < capacity, "UpperHull: more points than its capacity")
        xs[count] = x
        ys[count] = y
        count += 1
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
        precondition(count > 0, "UpperHull: no points")
        var lo = 0, hi = count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if f(mid) < f(mid + 1) { lo = mid + 1 } else { hi = mid }
        }
        return f(lo)
    }
}
