import GDALBridge

/// Boxes bucketed on a square lattice of `cell` units (points are boxes of no size): which items may meet a query box,
/// at a cost of about the buckets it spans. covgap's one spatial index, for sites, zones, corridors and review rows;
/// answers come in insertion order, so whatever uses them stays deterministic.
public struct SpatialIndex<Item> {
    public let cell: Double
    private var buckets: [Int64: [Int]] = [:]
    public private(set) var items: [(box: Envelope, item: Item)] = []

    /// An empty index whose buckets are `cell` units on a side (about the usual search radius).
    public init(cell: Double) { self.cell = max(cell, 1e-9) }

    /// Adds an item with its box; its index is its insertion order.
    public mutating func insert(_ item: Item, box: Envelope) {
        let (i0, i1, j0, j1) = span(box)
        for i in i0...i1 { for j in j0...j1 { buckets[key(i, j), default: []].append(items.count) } }
        items.append((box, item))
    }

    /// Adds an item at a point.
    public mutating func insert(_ item: Item, x: Double, y: Double) {
        insert(item, box: Envelope(minX: x, maxX: x, minY: y, maxY: y))
    }

    /// Indices of the items whose boxes may meet `box` (edges included): every one that does, perhaps a few more,
    /// ascending. A query wider than the index's buckets scans the items instead and returns exactly those that meet.
    public func candidates(_ box: Envelope) -> [Int] {
        let (i0, i1, j0, j1) = span(box)
        guard Double(i1 - i0 + 1) * Double(j1 - j0 + 1) <= Double(4 * buckets.count + 16) else {
            return items.indices.filter { SpatialIndex.meet(items[$0].box, box) }
        }
        var out = Set<Int>()
        for i in i0...i1 { for j in j0...j1 { out.formUnion(buckets[key(i, j)] ?? []) } }
        return out.sorted()
    }

    /// Items whose boxes come within `radius` of (x, y) along each axis, each once, in insertion order.
    public func near(x: Double, y: Double, radius: Double) -> [Item] {
        let query = Envelope(minX: x - radius, maxX: x + radius, minY: y - radius, maxY: y + radius)
        return candidates(query).filter { SpatialIndex.meet(items[$0].box, query) }.map { items[$0].item }
    }

    /// Whether two boxes share a point (edges included).
    static func meet(_ a: Envelope, _ b: Envelope) -> Bool {
        a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY
    }

    private func span(_ e: Envelope) -> (Int, Int, Int, Int) {
        (lattice(e.minX), max(lattice(e.minX), lattice(e.maxX)), lattice(e.minY), max(lattice(e.minY), lattice(e.maxY)))
    }

    /// The lattice index of a coordinate (a coordinate that is not finite counts as 0: it meets nothing real).
    private func lattice(_ v: Double) -> Int {
        let i = (v / cell).rounded(.down)
        return i.isFinite ? Int(max(-1e15, min(1e15, i))) : 0
    }

    private func key(_ i: Int, _ j: Int) -> Int64 {
        Int64(truncatingIfNeeded: i) << 32 ^ Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: j)))
    }
}
