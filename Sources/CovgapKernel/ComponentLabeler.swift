/// 8-connected component labelling of one tile: cells with the same non-zero key that touch by an edge or a corner
/// share a label. Labels run 1...count in raster order of each component's first cell (deterministic).
public struct ComponentLabeler {
    private var parent: [Int32] = []

    /// A labeller whose union-find storage is reused from tile to tile.
    public init() {}

    private mutating func find(_ x: Int32) -> Int32 {
        var r = x
        while parent[Int(r)] != r { r = parent[Int(r)] }
        var y = x
        while parent[Int(y)] != r { let next = parent[Int(y)]; parent[Int(y)] = r; y = next }
        return r
    }

    private mutating func union(_ a: Int32, _ b: Int32) {
        let ra = find(a), rb = find(b)
        if ra == rb { return }
        if ra < rb { parent[Int(rb)] = ra } else { parent[Int(ra)] = rb }
    }

    @inline(__always)
    private mutating func join(_ assigned: inout Int32, _ l: Int32) {
        if assigned == 0 { assigned = l } else if assigned != l { union(assigned, l) }
    }

    /// Labels `keys` (width × height, 0 = background) into `labels`; returns the number of components.
    public mutating func label(
        keys: UnsafeBufferPointer<UInt32>, width: Int, height: Int,
        labels: UnsafeMutableBufferPointer<UInt32>
    ) -> Int {
        parent.removeAll(keepingCapacity: true)
        parent.append(0)
        for y in 0..<height {
            let row = y * width
            for x in 0..<width {
                let i = row + x
                let k = keys[i]
                guard k != 0 else { labels[i] = 0; continue }
                var assigned: Int32 = 0
                // Already-visited neighbours: W, NW, N, NE.
                if x > 0, keys[i - 1] == k { assigned = Int32(labels[i - 1]) }
                if y > 0 {
                    let up = i - width
                    if x > 0, keys[up - 1] == k { join(&assigned, Int32(labels[up - 1])) }
                    if keys[up] == k { join(&assigned, Int32(labels[up])) }
                    if x + 1 < width, keys[up + 1] == k { join(&assigned, Int32(labels[up + 1])) }
                }
                if assigned == 0 {
                    assigned = Int32(parent.count)
                    parent.append(assigned)
                }
                labels[i] = UInt32(assigned)
            }
        }
        // Second pass: compact roots to 1...n in order of first appearance.
        var compact = [UInt32](repeating: 0, count: parent.count)
        var next: UInt32 = 0
        for i in 0..<(width * height) where labels[i] != 0 {
            let r = Int(find(Int32(labels[i])))
            if compact[r] == 0 { next += 1; compact[r] = next }
            labels[i] = compact[r]
        }
        return Int(next)
    }
}
